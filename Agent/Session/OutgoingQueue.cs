using System.Collections;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using NanoOmaDm.Agent.Protocol.Xml;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Commands waiting to go to the server, packed into messages no larger than the server's MaxMsgSize.
    /// Results and Alerts that do not fit are split by items across messages, and a single item that does not fit an
    /// empty message travels as a large object (MoreData chunks, Meta Size on the first).</summary>
    internal sealed class OutgoingQueue
    {
        /// <summary>Smallest chunk worth starting in a partly filled message; otherwise wait for the next one.</summary>
        private const int MinChunk = 128;

        private readonly ArrayList _commands = new ArrayList();
        private Item _chunkItem;
        private int _chunkOffset;

        public void Add(Command command)
        {
            _commands.Add(command);
        }

        /// <summary>The SyncHdr status leads every message.</summary>
        public void AddFirst(Command command)
        {
            _commands.Insert(0, command);
        }

        public void AddAll(ArrayList commands)
        {
            for (int i = 0; i < commands.Count; i++)
            {
                _commands.Add(commands[i]);
            }
        }

        public void Clear()
        {
            _commands.Clear();
            _chunkItem = null;
            _chunkOffset = 0;
        }

        /// <summary>True when nothing but SyncHdr statuses is left: such a reply is not sent at the end of a session.</summary>
        public bool OnlyHeaderStatuses()
        {
            if (_chunkItem != null)
            {
                return false;
            }

            for (int i = 0; i < _commands.Count; i++)
            {
                Command c = (Command)_commands[i];
                if (c.Name != CommandName.Status || c.Cmd != CommandName.SyncHdr)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Appends what fits to <paramref name="writer"/>, numbering commands from <paramref name="cmdId"/>,
        /// and records each sent command in <paramref name="sent"/> (as <see cref="SentCommand"/>). Returns true when the queue was emptied.</summary>
        public bool PackInto(SyncMlWriter writer, ref int cmdId, ArrayList sent)
        {
            if (_chunkItem != null)
            {
                // Only statuses may precede the continuation of a large object; nothing may follow an unfinished chunk.
                if (!PackStatuses(writer, ref cmdId, sent) || !PackChunk(writer, ref cmdId, sent))
                {
                    return false;
                }
            }

            while (_commands.Count > 0)
            {
                Command command = (Command)_commands[0];
                command.CmdId = cmdId.ToString();
                if (writer.TryAppend(command))
                {
                    Sent(command, command, ref cmdId, sent);
                    _commands.RemoveAt(0);
                    continue;
                }

                if (!Splittable(command))
                {
                    return false;
                }

                if (!PackSomeItems(writer, command, ref cmdId, sent) && !StartChunk(writer, command, ref cmdId, sent))
                {
                    return false;
                }

                if (_chunkItem != null)
                {
                    return false;
                }
            }

            return true;
        }

        private bool PackStatuses(SyncMlWriter writer, ref int cmdId, ArrayList sent)
        {
            for (int i = 0; i < _commands.Count; i++)
            {
                Command command = (Command)_commands[i];
                if (command.Name != CommandName.Status)
                {
                    continue;
                }

                command.CmdId = cmdId.ToString();
                if (!writer.TryAppend(command))
                {
                    return false;
                }

                Sent(command, command, ref cmdId, sent);
                _commands.RemoveAt(i);
                i--;
            }

            return true;
        }

        private static bool Splittable(Command command)
        {
            return (command.Name == CommandName.Results || command.Name == CommandName.Alert) && command.Items.Count > 0;
        }

        /// <summary>Sends the leading items that fit as a command of their own; the rest stays queued.</summary>
        private bool PackSomeItems(SyncMlWriter writer, Command command, ref int cmdId, ArrayList sent)
        {
            if (command.Items.Count < 2)
            {
                return false;
            }

            Command part = Shell(command, cmdId);
            int taken = 0;
            while (taken < command.Items.Count - 1)
            {
                part.AddItem((Item)command.Items[taken]);
                if (writer.Measure(part) > writer.Remaining)
                {
                    part.Items.RemoveAt(part.Items.Count - 1);
                    break;
                }

                taken++;
            }

            if (taken == 0 || !writer.TryAppend(part))
            {
                return false;
            }

            Sent(part, command, ref cmdId, sent);
            for (int i = 0; i < taken; i++)
            {
                command.Items.RemoveAt(0);
            }

            return true;
        }

        private bool StartChunk(SyncMlWriter writer, Command command, ref int cmdId, ArrayList sent)
        {
            Item item = (Item)command.Items[0];
            if (item.Data == null || item.Data.Length == 0)
            {
                return false;
            }

            _chunkItem = item;
            _chunkOffset = 0;
            if (PackChunk(writer, ref cmdId, sent))
            {
                return true;
            }

            // Nothing of it fitted here: start over in the next (emptier) message.
            if (_chunkOffset == 0)
            {
                _chunkItem = null;
            }

            return false;
        }

        /// <summary>Appends the next chunk of the pending large object. True when its last chunk was sent.</summary>
        private bool PackChunk(SyncMlWriter writer, ref int cmdId, ArrayList sent)
        {
            Command command = (Command)_commands[0];
            string data = _chunkItem.Data;
            Item chunk = ChunkShell(_chunkItem, _chunkOffset == 0 ? TransportSize(data, _chunkItem) : -1);
            // Measured with one character of data: an empty Data element is written in its short form <Data/>.
            chunk.Data = "x";
            chunk.MoreData = true;
            Command part = Shell(command, cmdId);
            part.AddItem(chunk);
            int room = writer.Remaining - (writer.Measure(part) - 1);
            int left = data.Length - _chunkOffset;
            int count = left <= room ? left : room;
            if (count < left && count < MinChunk)
            {
                return false;
            }

            count = XmlEscape.CharsThatFit(data, _chunkOffset, count, room);
            if (count <= 0)
            {
                return false;
            }

            chunk.Data = data.Substring(_chunkOffset, count);
            chunk.MoreData = _chunkOffset + count < data.Length;
            if (!writer.TryAppend(part))
            {
                return false;
            }

            Sent(part, command, ref cmdId, sent);
            _chunkOffset += count;
            if (chunk.MoreData)
            {
                return false;
            }

            _chunkItem = null;
            _chunkOffset = 0;
            command.Items.RemoveAt(0);
            if (command.Items.Count == 0)
            {
                _commands.RemoveAt(0);
            }

            return true;
        }

        /// <summary>Meta Size is the size as transported: b64 text length, or UTF-8 bytes for text.</summary>
        private static long TransportSize(string data, Item item)
        {
            return item.Meta != null && item.Meta.Format == ItemData.FormatB64 ? data.Length : Utf8.ByteCount(data);
        }

        private static Item ChunkShell(Item item, long size)
        {
            Item chunk = new Item();
            chunk.TargetUri = item.TargetUri;
            chunk.SourceUri = item.SourceUri;
            chunk.Meta = new Meta();
            if (item.Meta != null)
            {
                chunk.Meta.Format = item.Meta.Format;
                chunk.Meta.Type = item.Meta.Type;
                chunk.Meta.Mark = item.Meta.Mark;
            }

            chunk.Meta.Size = size;
            return chunk;
        }

        /// <summary>A copy of a Results/Alert without items, answering the same command.</summary>
        private static Command Shell(Command command, int cmdId)
        {
            Command part = new Command(command.Name);
            part.CmdId = cmdId.ToString();
            part.MsgRef = command.MsgRef;
            part.CmdRef = command.CmdRef;
            part.Meta = command.Meta;
            part.Data = command.Data;
            part.Correlator = command.Correlator;
            return part;
        }

        private static void Sent(Command wire, Command origin, ref int cmdId, ArrayList sent)
        {
            sent.Add(new SentCommand(wire, origin));
            cmdId++;
        }
    }
}
