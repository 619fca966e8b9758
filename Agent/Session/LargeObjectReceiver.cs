using System;
using System.Collections;
using System.Text;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Reassembles an Add/Replace item that the server sends in chunks (MoreData): text chunks (XML, or WBXML
    /// strings) or binary ones (WBXML OPAQUE), counted in bytes as transported. Memory is bounded by MaxObjSize: a
    /// declared or actual size above it is refused with 413 and the remaining chunks are discarded.</summary>
    internal sealed class LargeObjectReceiver
    {
        private readonly int _maxObjSize;
        private readonly StringBuilder _data = new StringBuilder();
        // Binary chunks: grown by doubling, never beyond MaxObjSize.
        private byte[] _bytes;
        private bool _binary;
        private Command _command;
        private Item _first;
        private long _declaredSize;
        private int _byteCount;
        private bool _refused;

        public LargeObjectReceiver(int maxObjSize)
        {
            _maxObjSize = maxObjSize;
        }

        public bool Pending
        {
            get { return _command != null; }
        }

        /// <summary>A chunk continues the pending object when it is the same command on the same target.</summary>
        public bool IsContinuation(Command command)
        {
            Item item = command.FirstItem;
            return _command != null && command.Name == _command.Name && command.Items.Count == 1 && item != null
                && item.TargetUri == _first.TargetUri;
        }

        public static bool IsChunk(Command command)
        {
            Item item = command.FirstItem;
            return item != null && item.MoreData;
        }

        /// <summary>Takes one chunk. Returns the reassembled command when the last chunk arrived and the sizes agree;
        /// otherwise null, with the chunk's status (213, 413, 424, 400) appended to <paramref name="replies"/>.</summary>
        public Command Accept(Command command, string msgRef, ArrayList replies)
        {
            Item item = command.FirstItem;
            if (command.Items.Count != 1 || (command.Name != CommandName.Add && command.Name != CommandName.Replace))
            {
                Reset();
                Reply(command, item, msgRef, StatusCode.BadRequest, replies);
                return null;
            }

            if (_command == null)
            {
                Begin(command, item);
            }

            if (!_refused && item.OpaqueData != null)
            {
                AppendBytes(item.OpaqueData);
            }
            else if (!_refused && item.Data != null)
            {
                if (_binary)
                {
                    AppendBytes(Utf8Text.Encode(item.Data));
                }
                else
                {
                    _byteCount += Utf8.ByteCount(item.Data);
                    _refused = _byteCount > _maxObjSize;
                    if (!_refused)
                    {
                        _data.Append(item.Data);
                    }
                }
            }
            if (_refused)
            {
                _data.Clear();
                _bytes = null;
            }

            if (item.MoreData)
            {
                Reply(command, item, msgRef, _refused ? StatusCode.RequestEntityTooLarge : StatusCode.ChunkedItemAccepted, replies);
                return null;
            }

            return Complete(command, msgRef, replies);
        }

        /// <summary>The pending object was broken off by another command: discard it and tell the server (1225).</summary>
        public Command Interrupt()
        {
            Command alert = Replies.Alert(AlertCode.NoEndOfData);
            Item item = new Item();
            item.TargetUri = _first.TargetUri;
            item.SourceUri = _first.SourceUri;
            alert.AddItem(item);
            Reset();
            return alert;
        }

        /// <summary>Binary chunks switch the object to bytes (text received before becomes its UTF-8 bytes).</summary>
        private void AppendBytes(byte[] chunk)
        {
            if (_byteCount + chunk.Length > _maxObjSize)
            {
                _byteCount += chunk.Length;
                _refused = true;
                return;
            }
            if (!_binary)
            {
                _binary = true;
                _bytes = new byte[0];
                if (_data.Length > 0)
                {
                    byte[] text = Utf8Text.Encode(_data.ToString());
                    _data.Clear();
                    _byteCount = 0;
                    AppendBytes(text);
                }
            }
            if (_byteCount + chunk.Length > _bytes.Length)
            {
                int capacity = _bytes.Length == 0 ? 1024 : _bytes.Length;
                while (capacity < _byteCount + chunk.Length)
                {
                    capacity *= 2;
                }
                byte[] grown = new byte[capacity > _maxObjSize ? _maxObjSize : capacity];
                Array.Copy(_bytes, grown, _byteCount);
                _bytes = grown;
            }
            Array.Copy(chunk, 0, _bytes, _byteCount, chunk.Length);
            _byteCount += chunk.Length;
        }

        private void Begin(Command command, Item item)
        {
            _command = command;
            _first = item;
            _declaredSize = item.Meta != null && item.Meta.Size >= 0 ? item.Meta.Size
                : (command.Meta != null ? command.Meta.Size : -1);
            _refused = _declaredSize > _maxObjSize;
            _byteCount = 0;
            _data.Clear();
        }

        private Command Complete(Command last, string msgRef, ArrayList replies)
        {
            Command first = _command;
            Item firstItem = _first;
            bool refused = _refused;
            long declared = _declaredSize;
            int received = _byteCount;
            string data = _binary ? null : _data.ToString();
            byte[] bytes = null;
            if (_binary)
            {
                bytes = new byte[received];
                Array.Copy(_bytes, bytes, received);
            }
            Reset();
            if (refused)
            {
                Reply(last, last.FirstItem, msgRef, StatusCode.RequestEntityTooLarge, replies);
                return null;
            }

            if (declared >= 0 && declared != received)
            {
                Reply(last, last.FirstItem, msgRef, StatusCode.SizeMismatch, replies);
                return null;
            }

            // The last chunk's CmdID is the one the final status must answer.
            Command assembled = new Command(first.Name);
            assembled.CmdId = last.CmdId;
            assembled.NoResp = last.NoResp;
            assembled.Meta = first.Meta;
            Item item = new Item();
            item.TargetUri = firstItem.TargetUri;
            item.SourceUri = firstItem.SourceUri;
            item.Meta = firstItem.Meta;
            item.Data = data;
            item.OpaqueData = bytes;
            assembled.AddItem(item);
            return assembled;
        }

        private void Reset()
        {
            _command = null;
            _first = null;
            _data.Clear();
            _bytes = null;
            _binary = false;
            _byteCount = 0;
            _refused = false;
            _declaredSize = -1;
        }

        private static void Reply(Command command, Item item, string msgRef, int code, ArrayList replies)
        {
            if (!command.NoResp)
            {
                replies.Add(Replies.ItemStatus(command, item, msgRef, code));
            }
        }
    }
}
