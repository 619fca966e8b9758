using System.Text;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator;

/// <summary>A small vendor MO for the demo: ./Vendor/Demo with a few leaves and ./Vendor/Demo/Operations/Hello, an Exec
/// node that answers asynchronously: it returns 202 and queues a Generic Alert that echoes the Exec's Correlator,
/// delivered in the same session (or the next one).</summary>
public sealed class DemoMo : IManagementObject
{
    public const string Root = "./Vendor/Demo";
    public const string MoType = "urn:nanoomadm:mo:demo:1.0";
    public const string Hello = Root + "/Operations/Hello";
    public const string HelloDoneType = "urn:nanoomadm:demo:HelloDone";

    private readonly GenericAlertQueue _alerts;
    private readonly ILogSink _log;

    public DemoMo(GenericAlertQueue alerts, ILogSink log)
    {
        _alerts = alerts;
        _log = log;
    }

    /// <summary>Number of Hello executions (for tests and the transcript).</summary>
    public int HelloCount { get; private set; }

    public void Register(DmTree tree)
    {
        tree.EnsureInterior("./Vendor", null, true);
        tree.EnsureInterior(Root, MoType, true);
        // Every server may play with the demo subtree (the rest of the tree keeps its own ACLs).
        tree.SetAcl(Root, "Add=*&Delete=*&Exec=*&Get=*&Replace=*");
        // Initial values only: what a server wrote into them must survive a restart.
        CreateLeaf(tree, Root + "/Greeting", DmFormat.Chr, "Hello, OMA DM");
        CreateLeaf(tree, Root + "/Counter", DmFormat.Int, "0");
        tree.EnsureInterior(Root + "/Operations", null, true);
        tree.SetLeaf(Hello, DmFormat.Null, DmFormat.DefaultLeafType, null, true);
        tree.RegisterExec(Hello, OnHello);
    }

    private static void CreateLeaf(DmTree tree, string uri, string format, string value)
    {
        if (tree.Find(uri) == null)
        {
            tree.SetLeaf(uri, format, DmFormat.DefaultLeafType, Encoding.UTF8.GetBytes(value), false);
        }
    }

    private int OnHello(ExecRequest request)
    {
        HelloCount++;
        string server = request.ServerId ?? "an unknown server";
        _log.Write(LogLevel.Info, "demo", "Hello from " + server + (string.IsNullOrEmpty(request.Data) ? string.Empty : " (data: " + request.Data + ")"));
        _alerts.Enqueue(new GenericAlert
        {
            ServerId = request.ServerId,
            Correlator = request.Correlator,
            SourceUri = request.Uri ?? Hello,
            Type = HelloDoneType,
            Format = "chr",
            Mark = "informational",
            Data = "done",
        });
        return 202;
    }
}
