using System.Collections;
using System.Text;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>One simulated device life: boot on empty flash, a random workload until the power fails at the chosen I/O
/// unit, then recovery and the checks: the recovered state is the last acknowledged one or the one in flight, the agent
/// boots on it and its tree answers Gets, and (in session runs) it holds a session that passes.</summary>
internal sealed class PowerCutRun
{
    private const string Server = CampaignDevice.ServerId;
    private const int MaxSteps = 100_000;

    private static readonly string[] Names = { "a", "b", "c", "d", "é", "日" };
    private static readonly string[] Acls = { "Add=*&Delete=*&Get=*&Replace=*", "Get=*&Replace=*&Add=*&Delete=pc-server", "Get=*" };
    private static readonly string[] RecordKeys = { "scomo/inventory/1", "scomo/inventory/2", "download/progress" };

    private readonly PowerCutReport _report;
    private readonly CampaignServer _server;
    private readonly Random _random;
    private readonly int _seed;
    private readonly CampaignClock _clock = new CampaignClock();
    private readonly MemoryStorage _flash = new MemoryStorage();
    private readonly PowerCutStorage _power;
    private readonly CommitOracle _oracle = new CommitOracle();
    private readonly StoreOptions _store;
    private CampaignDevice _device;
    private int _serial;

    public PowerCutRun(PowerCutCampaignOptions options, PowerCutReport report, CampaignServer server, int seed, PowerCutMode mode)
    {
        _report = report;
        _server = server;
        _seed = seed;
        _random = new Random(seed);
        _store = options.Store();
        _power = new PowerCutStorage(_flash, mode, seed)
        {
            CutAt = _random.NextInt64(options.MaxCutUnits),
            Durable = _ => _oracle.Durable(),
            Cutting = _oracle.Cut,
        };
    }

    /// <summary>False if the workload ended before the power failed (not a cut).</summary>
    public bool Execute()
    {
        try
        {
            _device = Boot(_power, _oracle);
            for (int step = 0; step < MaxSteps && !_power.IsCut; step++)
            {
                _clock.Tick();
                Step();
            }
        }
        catch (PowerCutException)
        {
        }
        catch (Exception e)
        {
            Fail("workload threw " + e);
            return true;
        }

        if (!_power.IsCut)
        {
            return false;
        }

        _report.Cuts++;
        if (_power.Mode == PowerCutMode.TornWrite)
        {
            _report.TornWriteCuts++;
        }
        else
        {
            _report.LoseUnflushedCuts++;
        }

        _report.Commits += _oracle.History.Count;
        try
        {
            Recover();
        }
        catch (Exception e)
        {
            Fail("recovery threw " + e);
        }

        return true;
    }

    private CampaignDevice Boot(IFileStorage storage, CommitOracle oracle)
    {
        return CampaignDevice.Boot(storage, _store, _clock, _random.Next(), _server?.Http, _server?.Url ?? "http://127.0.0.1:9/dm", oracle);
    }

    // ---- workload ----

    private void Step()
    {
        int roll = _random.Next(100);
        if (_server != null && roll < 5)
        {
            _server.UseWorkScenario();
            _report.Sessions++;
            _device.Agent.StartSession(Server);
        }
        else if (roll < 36)
        {
            Command(RandomCommand());
        }
        else if (roll < 48)
        {
            AtomicBlock();
        }
        else if (roll < 58)
        {
            DeviceChange();
        }
        else if (roll < 66)
        {
            QueueAlert();
        }
        else if (roll < 73)
        {
            AcknowledgeAlert();
        }
        else if (roll < 83)
        {
            RecordChange();
        }
        else if (roll < 89)
        {
            // Large values: two of them can exceed what the store may hold, and the command gets 420.
            byte[] big = Bytes(1000 + _random.Next(8000));
            string uri = CampaignMo.Edits + "/big" + _random.Next(2);
            Command(tree => tree.Find(uri) == null
                ? tree.Add(Server, uri, DmFormat.Bin, "application/octet-stream", big)
                : tree.Replace(Server, uri, DmFormat.Bin, null, big));
        }
        else if (roll < 92)
        {
            CleanReboot();
        }
        else if (roll < 94)
        {
            _device.State.Compact();
        }
        else
        {
            Command(tree => tree.Delete(Server, RandomPath()));
        }
    }

    /// <summary>A server command as the session runs it: journaled, committed, or undone and answered 420.</summary>
    private void Command(Func<DmTree, int> command)
    {
        DmTree tree = _device.Agent.Tree;
        tree.BeginAtomic();
        int status = command(tree);
        if (_device.Agent.Committer())
        {
            tree.CommitAtomic();
            return;
        }

        tree.RollbackAtomic();
        if (StatusCode.IsSuccess(status))
        {
            _report.DeviceFull++;
        }
    }

    /// <summary>An Atomic block: all members or none; some are meant to fail and roll everything back.</summary>
    private void AtomicBlock()
    {
        DmTree tree = _device.Agent.Tree;
        tree.BeginAtomic();
        bool failed = false;
        int members = 2 + _random.Next(3);
        for (int i = 0; i < members && !failed; i++)
        {
            failed = !StatusCode.IsSuccess(RandomCommand()(tree));
        }

        failed |= _random.Next(4) == 0;
        if (!failed && !_device.Agent.Committer())
        {
            _report.DeviceFull++;
            failed = true;
        }

        if (failed)
        {
            tree.RollbackAtomic();
        }
        else
        {
            tree.CommitAtomic();
        }
    }

    private Func<DmTree, int> RandomCommand()
    {
        string path = RandomPath();
        switch (_random.Next(9))
        {
            case 0:
            case 1:
                byte[] value = Value();
                string type = _random.Next(3) == 0 ? "application/x-powercut" : null;
                return tree => tree.Add(Server, path, DmFormat.Chr, type, value);
            case 2:
                return tree => tree.Add(Server, path, DmFormat.Node, null, null);
            case 3:
                byte[] replacement = Value();
                return tree => tree.Replace(Server, path, DmFormat.Chr, null, replacement);
            case 4:
                return tree => tree.Delete(Server, path);
            case 5:
                string source = RandomPath();
                return tree => tree.Copy(Server, path, source);
            case 6:
                byte[] name = Encoding.UTF8.GetBytes(Pick(Names));
                return tree => tree.Replace(Server, path + "?prop=Name", null, null, name);
            case 7:
                byte[] acl = Encoding.UTF8.GetBytes(Pick(Acls));
                return tree => tree.Replace(Server, path + "?prop=ACL", null, null, acl);
            default:
                byte[] title = Encoding.UTF8.GetBytes("title " + ++_serial);
                return tree => tree.Replace(Server, path + "?prop=Title", null, null, title);
        }
    }

    private void DeviceChange()
    {
        DmTree tree = _device.Agent.Tree;
        switch (_random.Next(5))
        {
            case 0:
                DmAccount account = DmAccount.Find(tree, Server);
                if (account != null)
                {
                    account.ClientNonce = Bytes(16);
                }

                break;
            case 1:
                tree.SetString(CampaignMo.Counter, (++_serial).ToString());
                break;
            case 2:
                tree.SetLeaf(RandomPath() + "/dev", DmFormat.Chr, null, Value(), false);
                break;
            case 3:
                tree.SetAcl(RandomPath(), Pick(Acls));
                break;
            default:
                tree.Remove(RandomPath());
                break;
        }
    }

    private void QueueAlert()
    {
        int serial = ++_serial;
        if (_random.Next(2) == 0)
        {
            // From an Exec handler, inside the command's block: the alert commits on its own.
            Command(tree => tree.Exec(Server, new ExecRequest { Uri = CampaignMo.Async, Data = "exec " + serial, Correlator = "c" + serial }));
            return;
        }

        _device.Agent.Alerts.Enqueue(new GenericAlert
        {
            ServerId = _random.Next(3) == 0 ? null : Server,
            Correlator = "d" + serial,
            SourceUri = CampaignMo.Counter,
            Type = CampaignMo.AlertType,
            Mark = "warning",
            Data = "device " + serial + (_random.Next(2) == 0 ? " ü" : string.Empty),
        });
    }

    private void AcknowledgeAlert()
    {
        GenericAlert[] pending = _device.Agent.Alerts.PendingFor(Server);
        if (pending.Length > 0)
        {
            _device.Agent.Alerts.Acknowledge(pending[_random.Next(pending.Length)]);
        }
    }

    private void RecordChange()
    {
        string key = Pick(RecordKeys);
        if (_random.Next(3) == 0)
        {
            _device.State.DeleteRecord(key);
        }
        else
        {
            _device.State.PutRecord(key, Bytes(_random.Next(400)));
        }
    }

    /// <summary>Power stays on: the device shuts down and boots again; the state must be exactly the last commit.</summary>
    private void CleanReboot()
    {
        _report.CleanReboots++;
        _device.Dispose();
        OpenReport opened;
        string restored = BareOpen(_power, out opened);
        Judge("clean reboot", restored, opened, false);
        _device = Boot(_power, _oracle);
    }

    // ---- recovery ----

    private void Recover()
    {
        if (_random.Next(8) == 0)
        {
            // Power fails again while the first recovery attempt runs (it truncates torn tails, may format or compact).
            var again = new PowerCutStorage(_flash, _power.Mode, _seed + 1) { CutAt = _random.Next(4000) };
            try
            {
                BareOpen(again, out _);
            }
            catch (PowerCutException)
            {
                _report.CutsDuringRecovery++;
            }
        }

        OpenReport opened;
        string restored = BareOpen(_flash, out opened);
        if (!Judge("recovery", restored, opened, true))
        {
            return;
        }

        using CampaignDevice device = Boot(_flash, new CommitOracle());
        var items = new ArrayList();
        int status = device.Agent.Tree.Get(Server, CampaignMo.Root + "?list=Struct", items);
        if (status != StatusCode.Ok || items.Count == 0)
        {
            Fail("the recovered tree does not answer Get ?list=Struct: " + status);
        }

        if (_server != null)
        {
            VerifySession(device);
        }
    }

    /// <summary>Opens the store into a bare tree (no MO registers, so nothing changes) and dumps what it restored.</summary>
    private string BareOpen(IFileStorage storage, out OpenReport opened)
    {
        // Flushes during an open change nothing logically; recording them would let a wrong recovery vouch for itself.
        _oracle.Track(null, null);
        using var state = new PersistentAgentState(storage, _store, SilentLog.Instance);
        var tree = new DmTree(_clock, new TreeLimits());
        state.Attach(tree, new GenericAlertQueue());
        opened = state.Report;
        return StateDump.Tree(tree) + StateDump.AlertsAndRecords(state);
    }

    private bool Judge(string context, string restored, OpenReport opened, bool inFlightAllowed)
    {
        if (!opened.Corrupt && !opened.Unavailable)
        {
            if (restored == _oracle.Last || (inFlightAllowed && restored == _oracle.AtCut))
            {
                return true;
            }

            if (_oracle.History.Count == 0 && opened.Fresh
                && restored == StateDump.Tree(new DmTree(_clock, new TreeLimits())))
            {
                return true;
            }

            int lost = _oracle.StatesAfter(restored);
            if (lost > 0)
            {
                _report.LostCommits += lost;
                Fail(context + ": " + lost + " acknowledged commit(s) lost" + FirstDifference(restored));
                return false;
            }
        }

        _report.CorruptOpens++;
        Fail(context + ": " + (opened.Problem ?? "restored a state the device never acknowledged") + FirstDifference(restored));
        return false;
    }

    private void VerifySession(CampaignDevice device)
    {
        int pending = device.Agent.Alerts.Count;
        _server.UseVerifyScenario();
        _report.Sessions++;
        SessionResult result = device.Agent.StartSession(Server);
        SessionReport server = result.SessionId == null ? null : _server.ReportOf(result.SessionId);
        if (result.Success && server != null && server.Passed && result.AlertsDelivered == pending && device.Agent.Alerts.Count == 0)
        {
            return;
        }

        _report.FailedVerifySessions++;
        Fail("session after recovery: " + result.Reason + ", alerts delivered " + result.AlertsDelivered + " of " + pending
            + (server == null ? ", no server report" : server.Passed ? string.Empty : ", server: " + string.Join("; ", server.Failures)));
    }

    private string FirstDifference(string restored)
    {
        string expected = _oracle.Last ?? string.Empty;
        string[] a = restored.Split('\n');
        string[] b = expected.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string x = i < a.Length ? a[i] : "(end)";
            string y = i < b.Length ? b[i] : "(end)";
            if (x != y)
            {
                return "; first difference at line " + (i + 1) + ": restored '" + x + "', last acknowledged '" + y + "'";
            }
        }

        return string.Empty;
    }

    private void Fail(string message)
    {
        string line = "seed " + _seed + " (" + _power.Mode + ", cut at unit " + _power.CutAt + "): " + message;
        if (_report.Failures.Count < 100)
        {
            _report.Failures.Add(line);
        }
    }

    // ---- random data ----

    private string RandomPath()
    {
        string path = CampaignMo.Edits + "/" + Pick(Names);
        return _random.Next(2) == 0 ? path : path + "/" + Pick(Names);
    }

    private byte[] Value()
    {
        return _random.Next(4) == 0 ? Bytes(_random.Next(40)) : Encoding.UTF8.GetBytes("value " + ++_serial);
    }

    private byte[] Bytes(int length)
    {
        var data = new byte[length];
        _random.NextBytes(data);
        return data;
    }

    private string Pick(string[] values)
    {
        return values[_random.Next(values.Length)];
    }
}
