using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>Records the state of the simulated device each time a flush made a commit durable, and at the moment the
/// power failed: after recovery the state must equal the last durable one or the one in flight. The tree part is taken
/// from RAM except while a block is open outside a commit (an alert queued by an Exec handler): the block's changes are
/// not committed, so the committed tree is still the last recorded one.</summary>
internal sealed class CommitOracle
{
    private readonly List<string> _history = new List<string>();
    private PersistentAgentState _state;
    private Func<bool> _inCommit;
    private string _lastTree = string.Empty;

    /// <summary>Durable states, oldest first, without consecutive repeats.</summary>
    public IReadOnlyList<string> History => _history;

    public string Last => _history.Count == 0 ? null : _history[^1];

    /// <summary>The state in RAM when the power failed (the commit in flight, if any, included).</summary>
    public string AtCut { get; private set; }

    /// <summary>The device (or bare store) whose state is recorded from now on.</summary>
    public void Track(PersistentAgentState state, Func<bool> inCommit)
    {
        _state = state;
        _inCommit = inCommit;
    }

    public void Durable()
    {
        string state = Dump();
        if (state != null && (_history.Count == 0 || _history[^1] != state))
        {
            _history.Add(state);
        }
    }

    public void Cut()
    {
        AtCut = Dump();
    }

    /// <summary>How many recorded states lie after <paramref name="state"/>, or -1 if it was never recorded.</summary>
    public int StatesAfter(string state)
    {
        int index = _history.LastIndexOf(state);
        return index < 0 ? -1 : _history.Count - 1 - index;
    }

    private string Dump()
    {
        DmTree tree = _state?.Tree;
        if (tree == null)
        {
            return null;
        }

        if (!tree.IsAtomicActive || _inCommit())
        {
            _lastTree = StateDump.Tree(tree);
        }

        return _lastTree + StateDump.AlertsAndRecords(_state);
    }
}
