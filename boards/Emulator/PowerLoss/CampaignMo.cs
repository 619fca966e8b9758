using System.Text;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>The workload's part of the tree: ./Vendor/PC, open to every server, with a subtree T the workload edits,
/// a device counter, and an Exec node that answers 202 and reports with a Generic Alert like an asynchronous operation.</summary>
internal sealed class CampaignMo : IManagementObject
{
    public const string Root = "./Vendor/PC";
    public const string Edits = Root + "/T";
    public const string Counter = Root + "/Dev/Counter";
    public const string Async = Root + "/Ops/Async";
    public const string AlertType = "urn:nanoomadm:powercut:Done";

    private readonly GenericAlertQueue _alerts;

    public CampaignMo(GenericAlertQueue alerts)
    {
        _alerts = alerts;
    }

    public void Register(DmTree tree)
    {
        tree.EnsureInterior(Root, "urn:nanoomadm:mo:powercut:1.0", true);
        tree.SetAcl(Root, "Add=*&Delete=*&Exec=*&Get=*&Replace=*");
        tree.EnsureInterior(Edits, null, true);
        if (tree.Find(Counter) == null)
        {
            // Created once: registering again at every boot must not reset what the device counted.
            tree.SetLeaf(Counter, DmFormat.Int, DmFormat.DefaultLeafType, Encoding.UTF8.GetBytes("0"), false);
        }

        tree.SetLeaf(Async, DmFormat.Null, DmFormat.DefaultLeafType, null, true);
        tree.RegisterExec(Async, OnAsync);
    }

    private int OnAsync(ExecRequest request)
    {
        _alerts.Enqueue(new GenericAlert
        {
            ServerId = request.ServerId,
            Correlator = request.Correlator,
            SourceUri = Async,
            Type = AlertType,
            Mark = "informational",
            Data = request.Data ?? string.Empty,
        });
        return 202;
    }
}
