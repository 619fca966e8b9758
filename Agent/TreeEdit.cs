using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent
{
    /// <summary>A change the device makes to its own tree (console, button), run by <see cref="DmAgent.ChangeTree"/>.
    /// Returns a <see cref="StatusCode"/>: anything but success undoes what it changed.</summary>
    public delegate int TreeEdit(DmTree tree);
}
