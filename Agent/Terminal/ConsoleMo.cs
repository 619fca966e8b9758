using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>The console's node in the vendor extension of ./DevDetail: <c>Console/PinHash</c> holds the
    /// <see cref="PinRecord"/>. ACL <c>Replace=*</c>: every configured server may set a new PIN, none may read it, and the
    /// leaf is marked secret so that no Get, ?list=StructData or Copy ever returns it, whatever a server does to its ACL.
    /// Permanent, so no server deletes it.</summary>
    public sealed class ConsoleMo : IManagementObject
    {
        public const string Root = "./DevDetail/Ext/Console";
        public const string PinHashUri = Root + "/PinHash";
        public const string PinHashAcl = Acl.Replace + "=" + Acl.Wildcard;

        private readonly IRandomSource _random;
        private readonly string _factoryPin;

        /// <param name="factoryPin">PIN for a tree that has no PinHash yet (first boot); null or unacceptable: none.</param>
        public ConsoleMo(IRandomSource random, string factoryPin)
        {
            _random = random;
            _factoryPin = factoryPin;
        }

        /// <summary>Creates the leaf only when it is missing: a PIN changed since (by a server or with <c>pin</c>) and
        /// restored from storage survives every boot.</summary>
        public void Register(DmTree tree)
        {
            tree.EnsureInterior(Root, null, true);
            if (tree.Find(PinHashUri) == null)
            {
                string record = PinRecord.IsAcceptablePin(_factoryPin) ? PinRecord.Create(_factoryPin, _random) : null;
                tree.SetLeaf(PinHashUri, DmFormat.Chr, DmFormat.DefaultLeafType, Utf8Text.Encode(record), true);
            }
            tree.SetAcl(PinHashUri, PinHashAcl);
            tree.MarkSecret(PinHashUri);
        }
    }
}
