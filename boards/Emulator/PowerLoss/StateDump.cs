using System.Text;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Emulator.PowerLoss;

/// <summary>A canonical text of everything the store persists - every node with all its properties and its value, the
/// stored alerts in order, the records by key - to compare a recovered state with the states the device acknowledged.</summary>
public static class StateDump
{
    public static string Tree(DmTree tree)
    {
        var text = new StringBuilder();
        Node(tree.Root, text);
        return text.ToString();
    }

    /// <summary>The stored alerts and records of <paramref name="state"/>.</summary>
    public static string AlertsAndRecords(PersistentAgentState state)
    {
        var text = new StringBuilder();
        foreach (GenericAlert a in state.StoredAlerts())
        {
            text.Append("alert ").Append(a.ServerId).Append('|').Append(a.Correlator).Append('|').Append(a.SourceUri).Append('|')
                .Append(a.TargetUri).Append('|').Append(a.Type).Append('|').Append(a.Format).Append('|').Append(a.Mark).Append('|')
                .Append(a.Data).Append('\n');
        }

        foreach (string key in state.RecordKeys().OrderBy(k => k, StringComparer.Ordinal))
        {
            text.Append("record ").Append(key).Append(' ').Append(Convert.ToBase64String(state.GetRecord(key))).Append('\n');
        }

        return text.ToString();
    }

    private static void Node(DmNode node, StringBuilder text)
    {
        text.Append(node.Uri)
            .Append(node.IsInterior ? " I" : " L").Append(node.IsPermanent ? "P" : "-").Append(node.IsSecret ? "S" : "-")
            .Append(" acl=").Append(node.Acl ?? "(null)")
            .Append(" format=").Append(node.Format ?? "(null)")
            .Append(" type=").Append(node.Type ?? "(null)")
            .Append(" title=").Append(node.Title ?? "(null)")
            .Append(" tstamp=").Append(node.TStamp.Ticks)
            .Append(" verno=").Append(node.VerNo)
            .Append(" value=").Append(node.Value == null ? "(null)" : Convert.ToBase64String(node.Value))
            .Append('\n');
        for (int i = 0; i < node.ChildCount; i++)
        {
            Node(node.GetChild(i), text);
        }
    }
}
