using System;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Server commands that change the tree (Add, Replace, Delete, Copy) and Exec. Each validates the URI
    /// (400/414) and then answers 404 (no node) before 405 (not allowed on this kind of node: root, permanent, leaf or
    /// interior, property) before 425 (ACL) before conflicts (418); Add reports an existing node as 418 only to a
    /// server holding Add on its parent. They never throw on bad input and return a DM status code.</summary>
    public sealed partial class DmTree
    {
        /// <summary>Creates a node; Format "node" makes an interior node (value ignored). Missing interior ancestors are
        /// created implicitly with an empty ACL (inheriting), except that DM TND §7.7.1.1 applies to every interior node
        /// created: if the server has no Replace right on its parent, the new node grants the server Add, Delete and
        /// Replace. Needs Add on the nearest existing ancestor.</summary>
        public int Add(string serverId, string uri, string format, string type, byte[] value)
        {
            TreeUri target = TreeUri.Parse(uri, Limits);
            if (!target.IsValid)
            {
                return target.Status;
            }
            if (target.QueryKey != null)
            {
                return StatusCode.CommandNotAllowed;
            }
            string[] segments = target.Segments;
            bool interior = format == DmFormat.Node;
            string leafFormat = interior ? DmFormat.Node : DmFormat.NormalizeLeaf(format);
            if (leafFormat == null)
            {
                return StatusCode.UnsupportedMediaTypeOrFormat;
            }
            int depth;
            DmNode deepest = FindDeepest(segments, segments.Length, out depth);
            if (depth == segments.Length)
            {
                // Report the conflict only to a server that could have added there, so Add cannot probe the tree.
                return deepest.Parent == null || Permits(deepest.Parent, Acl.Add, serverId)
                    ? StatusCode.AlreadyExists : StatusCode.PermissionDenied;
            }
            if (!deepest.IsInterior)
            {
                return StatusCode.CommandNotAllowed;
            }
            if (!Permits(deepest, Acl.Add, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (!HasJournalRoom(segments.Length - depth))
            {
                return StatusCode.DeviceFull;
            }
            DmNode parent = deepest;
            int last = segments.Length - 1;
            for (int i = depth; i < last; i++)
            {
                parent = AddInterior(parent, segments[i], null, serverId);
            }
            if (interior)
            {
                AddInterior(parent, segments[last], type, serverId);
            }
            else
            {
                string leafType = type == null || type.Length == 0 ? DmFormat.DefaultLeafType : type;
                AttachNew(parent, segments[last], false, false, leafFormat, leafType, value ?? EmptyValue, string.Empty);
            }
            return StatusCode.Ok;
        }

        /// <summary>Replaces a leaf value (null format/type keep the current ones; changing them on a permanent node is
        /// 405), or a property with <c>?prop=ACL|Name|Title</c>. An invalid ACL is 400 (bad request rather than 405: the
        /// command is allowed, its data is malformed). A Title longer than 255 bytes is 413.</summary>
        public int Replace(string serverId, string uri, string format, string type, byte[] value)
        {
            TreeUri target = TreeUri.Parse(uri, Limits);
            if (!target.IsValid)
            {
                return target.Status;
            }
            DmNode node = Resolve(target.Segments);
            if (node == null)
            {
                return StatusCode.NotFound;
            }
            if (target.QueryKey == TreeUri.PropQuery)
            {
                return ReplaceProperty(serverId, node, target.QueryValue, value);
            }
            if (target.QueryKey != null || node.IsInterior || format == DmFormat.Node)
            {
                return StatusCode.CommandNotAllowed;
            }
            string newFormat = null;
            if (format != null && format.Length > 0)
            {
                newFormat = DmFormat.NormalizeLeaf(format);
                if (newFormat == null)
                {
                    return StatusCode.UnsupportedMediaTypeOrFormat;
                }
            }
            if (node.IsPermanent && ChangesFormatOrType(node, newFormat, type))
            {
                return StatusCode.CommandNotAllowed;
            }
            if (!Permits(node, Acl.Replace, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (!HasJournalRoom(1))
            {
                return StatusCode.DeviceFull;
            }
            ChangeValue(node, value ?? EmptyValue, newFormat, type);
            return StatusCode.Ok;
        }

        /// <summary>Deletes a node and its subtree. The root, a permanent node or a subtree holding a permanent node
        /// gives 405 and nothing is deleted. Needs Delete on the node itself.</summary>
        public int Delete(string serverId, string uri)
        {
            TreeUri target = TreeUri.Parse(uri, Limits);
            if (!target.IsValid)
            {
                return target.Status;
            }
            DmNode node = Resolve(target.Segments);
            if (node == null)
            {
                return StatusCode.NotFound;
            }
            if (target.QueryKey != null || node.Parent == null || ContainsPermanent(node))
            {
                return StatusCode.CommandNotAllowed;
            }
            if (!Permits(node, Acl.Delete, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (!HasJournalRoom(1))
            {
                return StatusCode.DeviceFull;
            }
            Detach(node);
            return StatusCode.Ok;
        }

        /// <summary>Copies a leaf value (with Format and Type) onto an existing leaf (needs Replace on it) or onto a new
        /// leaf under an existing interior parent (needs Add on the parent; no implicit ancestors). Needs Get on the
        /// source; a secret source is 425. Interior source or target is 405.</summary>
        public int Copy(string serverId, string targetUri, string sourceUri)
        {
            TreeUri source = TreeUri.Parse(sourceUri, Limits);
            if (!source.IsValid)
            {
                return source.Status;
            }
            TreeUri target = TreeUri.Parse(targetUri, Limits);
            if (!target.IsValid)
            {
                return target.Status;
            }
            if (source.QueryKey != null || target.QueryKey != null)
            {
                return StatusCode.CommandNotAllowed;
            }
            DmNode from = Resolve(source.Segments);
            if (from == null)
            {
                return StatusCode.NotFound;
            }
            if (from.IsInterior || target.Segments.Length == 0)
            {
                return StatusCode.CommandNotAllowed;
            }
            if (from.IsSecret || !Permits(from, Acl.Get, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            string[] segments = target.Segments;
            int depth;
            DmNode deepest = FindDeepest(segments, segments.Length, out depth);
            if (depth == segments.Length)
            {
                return CopyOnto(serverId, deepest, from);
            }
            if (!deepest.IsInterior)
            {
                return StatusCode.CommandNotAllowed;
            }
            if (depth < segments.Length - 1)
            {
                return StatusCode.NotFound;
            }
            if (!Permits(deepest, Acl.Add, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (!HasJournalRoom(1))
            {
                return StatusCode.DeviceFull;
            }
            AttachNew(deepest, segments[depth], false, false, from.Format, from.Type, from.Value ?? EmptyValue,
                string.Empty);
            return StatusCode.Ok;
        }

        /// <summary>Runs the node's Exec handler with <paramref name="request"/> (its ServerId is set to
        /// <paramref name="serverId"/>). 404 no node, 425 no Exec right, 406 no handler, 500 if the handler throws.</summary>
        public int Exec(string serverId, ExecRequest request)
        {
            if (request == null)
            {
                return StatusCode.BadRequest;
            }
            TreeUri target = TreeUri.Parse(request.Uri, Limits);
            if (!target.IsValid)
            {
                return target.Status;
            }
            if (target.QueryKey != null)
            {
                return StatusCode.CommandNotAllowed;
            }
            DmNode node = Resolve(target.Segments);
            if (node == null)
            {
                return StatusCode.NotFound;
            }
            if (!Permits(node, Acl.Exec, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            ExecHandler handler = node.ExecHandler;
            if (handler == null)
            {
                return StatusCode.OptionalFeatureNotSupported;
            }
            request.ServerId = serverId;
            try
            {
                return handler(request);
            }
            catch (Exception)
            {
                return StatusCode.CommandFailed;
            }
        }

        private int ReplaceProperty(string serverId, DmNode node, string property, byte[] value)
        {
            if (property != NodeProperty.Acl && property != NodeProperty.Name && property != NodeProperty.Title)
            {
                return NodeProperty.IsKnown(property)
                    ? StatusCode.CommandNotAllowed : StatusCode.OptionalFeatureNotSupported;
            }
            string text = Utf8Text.Decode(value);
            if (text == null)
            {
                return StatusCode.BadRequest;
            }
            if (property == NodeProperty.Acl)
            {
                return ReplaceAcl(serverId, node, text);
            }
            if (property == NodeProperty.Name)
            {
                return Rename(serverId, node, text);
            }
            if (!Permits(node, Acl.Replace, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (value != null && value.Length > NodeProperty.MaxTitleBytes)
            {
                return StatusCode.RequestEntityTooLarge;
            }
            return ApplyProperty(node, NodeProperty.Title, text);
        }

        /// <summary>DM TND §8.3.7.1.3: Replace on the node itself (interior nodes only; a leaf's ACL does not govern its
        /// own ACL) or Replace on the parent. The root ACL must keep granting Add to everyone (405 otherwise).</summary>
        private int ReplaceAcl(string serverId, DmNode node, string acl)
        {
            if (!Acl.IsValid(acl))
            {
                return StatusCode.BadRequest;
            }
            bool allowed = (node.IsInterior && Permits(node, Acl.Replace, serverId))
                || (node.Parent != null && Permits(node.Parent, Acl.Replace, serverId));
            if (!allowed)
            {
                return StatusCode.PermissionDenied;
            }
            if (node.Parent == null && !Acl.Allows(acl, Acl.Add, Acl.Wildcard))
            {
                return StatusCode.CommandNotAllowed;
            }
            return ApplyProperty(node, NodeProperty.Acl, acl);
        }

        private int Rename(string serverId, DmNode node, string name)
        {
            if (node.Parent == null || node.IsPermanent)
            {
                return StatusCode.CommandNotAllowed;
            }
            if (!TreeUri.IsValidSegment(name))
            {
                return StatusCode.BadRequest;
            }
            if (Limits.MaxSegLen > 0 && name.Length > Limits.MaxSegLen)
            {
                return StatusCode.UriTooLong;
            }
            if (!Permits(node, Acl.Replace, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (name == node.Name)
            {
                return StatusCode.Ok;
            }
            if (node.Parent.FindChild(name) != null)
            {
                return StatusCode.AlreadyExists;
            }
            return ApplyProperty(node, NodeProperty.Name, name);
        }

        private int ApplyProperty(DmNode node, string property, string value)
        {
            if (!HasJournalRoom(1))
            {
                return StatusCode.DeviceFull;
            }
            SetProperty(node, property, value);
            return StatusCode.Ok;
        }

        private int CopyOnto(string serverId, DmNode target, DmNode from)
        {
            if (target.IsInterior)
            {
                return StatusCode.CommandNotAllowed;
            }
            if (target == from)
            {
                return StatusCode.Ok;
            }
            if (target.IsPermanent && ChangesFormatOrType(target, from.Format, from.Type))
            {
                return StatusCode.CommandNotAllowed;
            }
            if (!Permits(target, Acl.Replace, serverId))
            {
                return StatusCode.PermissionDenied;
            }
            if (!HasJournalRoom(1))
            {
                return StatusCode.DeviceFull;
            }
            ChangeValue(target, from.Value ?? EmptyValue, from.Format, from.Type);
            return StatusCode.Ok;
        }

        private DmNode AddInterior(DmNode parent, string name, string type, string serverId)
        {
            string acl = string.Empty;
            if (!Permits(parent, Acl.Replace, serverId) && Acl.IsValidServerId(serverId))
            {
                acl = Acl.Add + "=" + serverId + "&" + Acl.Delete + "=" + serverId + "&" + Acl.Replace + "=" + serverId;
            }
            DmNode node = AttachNew(parent, name, true, false, DmFormat.Node, type, null, acl);
            NodeAddedHandler completer = parent.ChildAddedHandler;
            if (completer != null)
            {
                completer(node);
            }
            return node;
        }

        private static bool ChangesFormatOrType(DmNode node, string format, string type)
        {
            return (format != null && format != node.Format) || (type != null && type.Length > 0 && type != node.Type);
        }

        private static bool ContainsPermanent(DmNode node)
        {
            if (node.IsPermanent)
            {
                return true;
            }
            for (int i = 0; i < node.ChildCount; i++)
            {
                if (ContainsPermanent(node.GetChild(i)))
                {
                    return true;
                }
            }
            return false;
        }

        private bool HasJournalRoom(int changes)
        {
            return !_journal.IsActive || _journal.Count + changes <= MaxAtomicChanges;
        }

        /// <summary>ACL check with inheritance: the nearest node upwards with a non-empty ACL decides.</summary>
        private static bool Permits(DmNode node, string command, string serverId)
        {
            for (DmNode n = node; n != null; n = n.Parent)
            {
                if (n.Acl != null && n.Acl.Length > 0)
                {
                    return Acl.Allows(n.Acl, command, serverId);
                }
            }
            return Acl.Allows(Acl.RootDefault, command, serverId);
        }
    }
}
