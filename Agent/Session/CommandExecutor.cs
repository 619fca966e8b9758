using System;
using System.Collections;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Runs the server's management commands against the tree and produces their Status and Results.</summary>
    internal sealed class CommandExecutor
    {
        private readonly DmTree _tree;
        private readonly string _serverId;
        private readonly int _maxObjSize;
        private readonly UiAlertPresenter _ui;
        private readonly ILogSink _log;
        private readonly ArrayList _getResults = new ArrayList();

        public CommandExecutor(DmTree tree, string serverId, int maxObjSize, UiAlertPresenter ui, ILogSink log)
        {
            _tree = tree;
            _serverId = serverId;
            _maxObjSize = maxObjSize;
            _ui = ui;
            _log = log;
        }

        /// <summary>Persists each command's changes (the store); null keeps them in memory only.</summary>
        public CommitHandler Committer;

        /// <summary>Set when a UI alert was declined or cancelled: the rest of the package gets 215.</summary>
        public bool PackageStopped;

        public int Executed;

        /// <summary>Executes one top-level command, appending its replies (Status first, then any Results).</summary>
        public void Execute(Command command, string msgRef, ArrayList replies)
        {
            if (PackageStopped)
            {
                Skip(command, msgRef, replies);
                return;
            }

            Executed++;
            string name = command.Name;
            if (name == CommandName.Atomic)
            {
                ExecuteAtomic(command, msgRef, replies);
            }
            else if (name == CommandName.Sequence)
            {
                ExecuteSequence(command, msgRef, replies);
            }
            else
            {
                RunCommitted(command, msgRef, replies);
            }
        }

        /// <summary>Answers a command (and its children) with 215 without running it.</summary>
        public void Skip(Command command, string msgRef, ArrayList replies)
        {
            if (command.NoResp)
            {
                return;
            }

            replies.Add(Replies.Status(command, msgRef, StatusCode.NotExecuted));
            for (int i = 0; i < command.Children.Count; i++)
            {
                Skip((Command)command.Children[i], msgRef, replies);
            }
        }

        private void ExecuteSimple(Command command, string msgRef, ArrayList replies)
        {
            string name = command.Name;
            if (name == CommandName.Alert)
            {
                ExecuteAlert(command, msgRef, replies);
                return;
            }

            if (name == CommandName.Get)
            {
                ExecuteGet(command, msgRef, replies);
                return;
            }

            if (command.Items.Count == 0)
            {
                Reply(command, null, msgRef, StatusCode.IncompleteCommand, replies);
                return;
            }

            for (int i = 0; i < command.Items.Count; i++)
            {
                Item item = (Item)command.Items[i];
                int code = ExecuteItem(command, item);
                Log(command, item, code);
                Reply(command, item, msgRef, code, replies);
            }
        }

        private int ExecuteItem(Command command, Item item)
        {
            string name = command.Name;
            if (name == CommandName.Copy)
            {
                return item.TargetUri == null || item.SourceUri == null
                    ? StatusCode.IncompleteCommand
                    : _tree.Copy(_serverId, item.TargetUri, item.SourceUri);
            }

            if (item.TargetUri == null)
            {
                return StatusCode.IncompleteCommand;
            }

            if (name == CommandName.Delete)
            {
                return _tree.Delete(_serverId, item.TargetUri);
            }

            if (name == CommandName.Exec)
            {
                ExecRequest request = new ExecRequest();
                request.ServerId = _serverId;
                request.Uri = item.TargetUri;
                request.Data = item.Data;
                request.Correlator = command.Correlator;
                request.CmdId = command.CmdId;
                return _tree.Exec(_serverId, request);
            }

            if (name == CommandName.Add || name == CommandName.Replace)
            {
                if ((item.Data != null && Utf8.ByteCount(item.Data) > _maxObjSize)
                    || (item.OpaqueData != null && item.OpaqueData.Length > _maxObjSize))
                {
                    return StatusCode.RequestEntityTooLarge;
                }

                string format = ItemData.FormatOf(command, item);
                int status = StatusCode.Ok;
                // WBXML carries binary as OPAQUE bytes: they need no decoding.
                byte[] value = item.OpaqueData != null ? item.OpaqueData : ItemData.Decode(item.Data, format, out status);
                if (status != StatusCode.Ok)
                {
                    return status;
                }

                string stored = ItemData.StoredFormat(format);
                string type = ItemData.TypeOf(command, item);
                return name == CommandName.Add
                    ? _tree.Add(_serverId, item.TargetUri, stored, type, value)
                    : _tree.Replace(_serverId, item.TargetUri, stored, type, value);
            }

            // Sync, Map, Put, Search, ...: SyncML commands that have no meaning in DM.
            return StatusCode.OptionalFeatureNotSupported;
        }

        private void ExecuteGet(Command command, string msgRef, ArrayList replies)
        {
            if (command.Items.Count == 0)
            {
                Reply(command, null, msgRef, StatusCode.IncompleteCommand, replies);
                return;
            }

            Command results = null;
            for (int i = 0; i < command.Items.Count; i++)
            {
                Item item = (Item)command.Items[i];
                _getResults.Clear();
                int code = item.TargetUri == null ? StatusCode.IncompleteCommand : _tree.Get(_serverId, item.TargetUri, _getResults);
                Log(command, item, code);
                Reply(command, item, msgRef, code, replies);
                if (code != StatusCode.Ok)
                {
                    continue;
                }

                if (results == null)
                {
                    results = Replies.Results(command, msgRef);
                }

                for (int r = 0; r < _getResults.Count; r++)
                {
                    results.AddItem(ItemData.Encode((TreeItem)_getResults[r]));
                }
            }

            _getResults.Clear();
            if (results != null && !command.NoResp)
            {
                replies.Add(results);
            }
        }

        private void ExecuteAlert(Command command, string msgRef, ArrayList replies)
        {
            int code = Replies.ParseInt(command.Data, 0);
            if (!AlertCode.IsUserInteraction(code))
            {
                // Session alerts from the server (1222, 1223) are handled by the session itself.
                Reply(command, null, msgRef, StatusCode.OptionalFeatureNotSupported, replies);
                return;
            }

            bool stops;
            Command status = _ui.Present(command, msgRef, code, out stops);
            _log.Write(LogLevel.Info, "session", "UI alert " + code + " -> " + status.Data);
            if (stops)
            {
                PackageStopped = true;
            }

            if (!command.NoResp)
            {
                replies.Add(status);
            }
        }

        /// <summary>All or nothing: any failure rolls every member back (216) and the Atomic answers 507.
        /// Get, Exec and nested Atomic/Sequence are not allowed inside and fail it with 500.</summary>
        private void ExecuteAtomic(Command atomic, string msgRef, ArrayList replies)
        {
            ArrayList members = new ArrayList();
            bool failed = false;
            _tree.BeginAtomic();
            for (int i = 0; i < atomic.Children.Count; i++)
            {
                Command child = (Command)atomic.Children[i];
                int before = members.Count;
                if (failed || PackageStopped)
                {
                    Skip(child, msgRef, members);
                    continue;
                }

                if (!AllowedInAtomic(child.Name))
                {
                    Reply(child, child.FirstItem, msgRef, StatusCode.CommandFailed, members);
                }
                else
                {
                    ExecuteSimple(child, msgRef, members);
                }

                for (int s = before; s < members.Count; s++)
                {
                    Command reply = (Command)members[s];
                    if (reply.Name == CommandName.Status && !StatusCode.IsSuccess(Replies.Code(reply)))
                    {
                        failed = true;
                    }
                }

                failed |= PackageStopped;
            }

            int atomicCode = StatusCode.Ok;
            if (!failed && !Persist())
            {
                failed = true;
                atomicCode = StatusCode.DeviceFull;
            }

            if (failed)
            {
                bool rolledBack = _tree.RollbackAtomic();
                int undone = rolledBack ? StatusCode.AtomicRollbackOk : StatusCode.AtomicRollbackFailed;
                for (int s = 0; s < members.Count; s++)
                {
                    Command reply = (Command)members[s];
                    if (reply.Name == CommandName.Status && StatusCode.IsSuccess(Replies.Code(reply)))
                    {
                        reply.Data = undone.ToString();
                    }
                }

                if (atomicCode == StatusCode.Ok)
                {
                    atomicCode = StatusCode.AtomicFailed;
                }
            }
            else
            {
                _tree.CommitAtomic();
            }

            _log.Write(LogLevel.Info, "session", "Atomic (" + atomic.Children.Count + " commands) -> " + atomicCode
                + (failed ? ", every change rolled back" : ""));
            if (!atomic.NoResp)
            {
                replies.Add(Replies.Status(atomic, msgRef, atomicCode));
            }

            for (int s = 0; s < members.Count; s++)
            {
                replies.Add(members[s]);
            }
        }

        private void ExecuteSequence(Command sequence, string msgRef, ArrayList replies)
        {
            if (!sequence.NoResp)
            {
                replies.Add(Replies.Status(sequence, msgRef, StatusCode.Ok));
            }

            for (int i = 0; i < sequence.Children.Count; i++)
            {
                Command child = (Command)sequence.Children[i];
                if (PackageStopped)
                {
                    Skip(child, msgRef, replies);
                }
                else if (child.Name == CommandName.Atomic || child.Name == CommandName.Sequence)
                {
                    Reply(child, null, msgRef, StatusCode.CommandFailed, replies);
                }
                else
                {
                    RunCommitted(child, msgRef, replies);
                }
            }
        }

        /// <summary>One command is one commit: its tree changes are persisted, or undone and answered 420 when
        /// storage is full, so the device never keeps a change it could not store.</summary>
        private void RunCommitted(Command command, string msgRef, ArrayList replies)
        {
            int first = replies.Count;
            _tree.BeginAtomic();
            ExecuteSimple(command, msgRef, replies);
            if (Persist())
            {
                _tree.CommitAtomic();
                return;
            }

            _tree.RollbackAtomic();
            for (int i = replies.Count - 1; i >= first; i--)
            {
                Command reply = (Command)replies[i];
                if (reply.Name == CommandName.Results)
                {
                    replies.RemoveAt(i);
                }
                else if (StatusCode.IsSuccess(Replies.Code(reply)))
                {
                    reply.Data = StatusCode.DeviceFull.ToString();
                }
            }
        }

        private bool Persist()
        {
            return Committer == null || Committer();
        }

        private static bool AllowedInAtomic(string name)
        {
            return name == CommandName.Add || name == CommandName.Replace || name == CommandName.Delete
                || name == CommandName.Copy || name == CommandName.Alert;
        }

        private static void Reply(Command command, Item item, string msgRef, int code, ArrayList replies)
        {
            if (!command.NoResp)
            {
                replies.Add(Replies.ItemStatus(command, item, msgRef, code));
            }
        }

        private void Log(Command command, Item item, int code)
        {
            string uri = item == null ? "" : (item.TargetUri != null ? item.TargetUri : "");
            if (command.Name == CommandName.Copy && item != null)
            {
                uri = item.SourceUri + " -> " + item.TargetUri;
            }

            _log.Write(LogLevel.Info, "session", command.Name + " " + uri + " -> " + code);
        }
    }
}
