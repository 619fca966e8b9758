using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Mo
{
    /// <summary>./DevInfo: who the device is, sent in every Pkg#1. Permanent and read-only for every server.</summary>
    public sealed class DevInfoMo : IManagementObject
    {
        public const string Root = "./DevInfo";
        public const string MoType = "urn:oma:mo:oma-dm-devinfo:1.0";
        public const string ReadOnlyAcl = "Get=*";

        private readonly IDeviceIdentity _identity;
        private readonly string _dmVersion;

        public DevInfoMo(IDeviceIdentity identity, string dmVersion)
        {
            _identity = identity;
            _dmVersion = dmVersion;
        }

        public void Register(DmTree tree)
        {
            tree.EnsureInterior(Root, MoType, true);
            tree.SetAcl(Root, ReadOnlyAcl);
            MoLeaf.Chr(tree, Root + "/DevId", _identity.DeviceId, true);
            MoLeaf.Chr(tree, Root + "/Man", _identity.Manufacturer, true);
            MoLeaf.Chr(tree, Root + "/Mod", _identity.Model, true);
            MoLeaf.Chr(tree, Root + "/DmV", _dmVersion, true);
            MoLeaf.Chr(tree, Root + "/Lang", _identity.Language, true);
            tree.EnsureInterior(Root + "/Ext", null, true);
        }
    }
}
