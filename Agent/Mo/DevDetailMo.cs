using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Mo
{
    /// <summary>./DevDetail: device details and the URI limits the tree enforces. Permanent and read-only for servers.</summary>
    public sealed class DevDetailMo : IManagementObject
    {
        public const string Root = "./DevDetail";
        public const string MoType = "urn:oma:mo:oma-dm-devdetail:1.0";

        private readonly IDeviceIdentity _identity;
        private readonly TreeLimits _limits;
        private readonly bool _largeObjects;

        public DevDetailMo(IDeviceIdentity identity, TreeLimits limits, bool largeObjects)
        {
            _identity = identity;
            _limits = limits ?? new TreeLimits();
            _largeObjects = largeObjects;
        }

        public void Register(DmTree tree)
        {
            tree.EnsureInterior(Root, MoType, true);
            tree.SetAcl(Root, DevInfoMo.ReadOnlyAcl);
            MoLeaf.Chr(tree, Root + "/DevTyp", _identity.DeviceType, true);
            MoLeaf.Chr(tree, Root + "/OEM", _identity.Oem, true);
            MoLeaf.Chr(tree, Root + "/FwV", _identity.FirmwareVersion, true);
            MoLeaf.Chr(tree, Root + "/SwV", _identity.SoftwareVersion, true);
            MoLeaf.Chr(tree, Root + "/HwV", _identity.HardwareVersion, true);
            MoLeaf.Bool(tree, Root + "/LrgObj", _largeObjects, true);
            MoLeaf.Int(tree, Root + "/URI/MaxDepth", _limits.MaxDepth, true);
            MoLeaf.Int(tree, Root + "/URI/MaxTotLen", _limits.MaxTotLen, true);
            MoLeaf.Int(tree, Root + "/URI/MaxSegLen", _limits.MaxSegLen, true);
            tree.EnsureInterior(Root + "/Ext", null, true);
        }
    }
}
