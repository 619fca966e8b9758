namespace NanoOmaDm.Tests.DmServer;

using System.Text;
using NanoOmaDm.DmServer;
using Xunit.Abstractions;

/// <summary>Routes the server log to the xunit output (ignores writes after the test ended).</summary>
internal sealed class TestOutputWriter : TextWriter
{
    private readonly ITestOutputHelper output;
    private readonly StringBuilder line = new StringBuilder();

    public TestOutputWriter(ITestOutputHelper output)
    {
        this.output = output;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
        }
        else if (value != '\r')
        {
            line.Append(value);
        }
    }

    public override void Flush()
    {
        if (line.Length == 0)
        {
            return;
        }

        try
        {
            output.WriteLine(line.ToString());
        }
        catch (InvalidOperationException)
        {
            // the test is over
        }

        line.Clear();
    }
}

internal static class DmTestHosts
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static DmServerHost Start(ITestOutputHelper output, string scenarioJson, Action<DmServerOptions> configure = null)
    {
        var o = new DmServerOptions
        {
            Port = 0,
            IdleTimeout = TimeSpan.FromSeconds(30),
            Log = output == null ? null : new TestOutputWriter(output),
            Scenario = scenarioJson == null ? null : Scenario.Parse(scenarioJson),
        };
        configure?.Invoke(o);
        return DmServerHost.Start(o);
    }
}
