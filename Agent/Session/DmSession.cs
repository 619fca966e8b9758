using System.Collections;
using NanoOmaDm.Agent.Mo;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>One OMA DM 1.2 management session with one server: Pkg#1, then server packages answered with Status
    /// and Results until the server closes a package without commands. Every failure ends in a SessionResult with
    /// a reason; nothing the server sends can make it throw or loop forever.</summary>
    public sealed class DmSession
    {
        private readonly DmTree _tree;
        private readonly AgentPlatform _platform;
        private readonly AgentConfig _config;
        private readonly DmAccount _account;
        private readonly GenericAlertQueue _alerts;
        private readonly MessageObserver _observer;
        private readonly SessionTrigger _trigger;
        private readonly SyncMlEncoding _encoding;
        private SyncMlParser _xmlParser;
        private SyncMlParser _wbxmlParser;
        private readonly HttpExchange _exchange;
        private readonly OutgoingQueue _queue = new OutgoingQueue();
        private readonly CommandExecutor _executor;
        private readonly LargeObjectReceiver _largeObject;
        private readonly ClientAuthenticator _clientAuth;
        private readonly ServerAuthenticator _serverAuth;
        private readonly ArrayList _sent = new ArrayList();
        private readonly ArrayList _replies = new ArrayList();
        private readonly Hashtable _alertCommands = new Hashtable();
        private readonly Hashtable _alertsInFlight = new Hashtable();
        private readonly ArrayList _alertsQueued = new ArrayList();
        private readonly SessionResult _result;
        private SyncMlWriter _writer;
        private string _url;
        private int _msgId;
        private bool _serverPackageClosed = true;

        public DmSession(DmTree tree, AgentPlatform platform, AgentConfig config, DmAccount account,
            GenericAlertQueue alerts, SessionTrigger trigger, MessageObserver observer)
        {
            _tree = tree;
            _platform = platform;
            _config = config;
            _account = account;
            _alerts = alerts;
            _trigger = trigger;
            _observer = observer;
            _url = account.ServerUri;
            _encoding = config.UseWbxml ? SyncMlEncoding.Wbxml : SyncMlEncoding.Xml;
            _writer = SyncMlCodec.CreateWriter(_encoding, config.MaxMsgSize);
            _exchange = new HttpExchange(config.MaxMsgSize);
            _largeObject = new LargeObjectReceiver(config.MaxObjSize);
            _executor = new CommandExecutor(tree, account.ServerId, config.MaxObjSize, new UiAlertPresenter(platform.Ui), platform.Log);
            _clientAuth = new ClientAuthenticator(account, AuthScheme.FromAccount(account.AuthPref));
            bool serverAuthRequired = config.RequireServerAuthentication && account.ServerSecret != null && account.ServerSecret.Length > 0;
            _serverAuth = new ServerAuthenticator(account, platform.Random, serverAuthRequired);
            _result = SessionResult.Failed(trigger.SessionId, account.ServerId, null);
        }

        /// <summary>Persists each command's tree changes (see <see cref="CommitHandler"/>).</summary>
        public CommitHandler Committer
        {
            get { return _executor.Committer; }
            set { _executor.Committer = value; }
        }

        /// <summary>Held while the session builds or processes a message, never while it waits for the network; the
        /// agent's other tree users take it too.</summary>
        public object TreeLock = new object();

        public SessionResult Run()
        {
            Log(LogLevel.Info, "session " + _trigger.SessionId + " with " + _account.ServerId + " at " + _url
                + (_trigger.AlertCode == AlertCode.ServerInitiated ? " (server-initiated)" : " (client-initiated)"));
            lock (TreeLock)
            {
                QueuePackage1();
            }
            while (true)
            {
                if (_result.MessagesSent >= _config.MaxMessagesPerSession)
                {
                    Abort("the server kept the session going for " + _result.MessagesSent + " messages");
                    return _result;
                }

                if (!Send())
                {
                    return _result;
                }

                SyncMessage message = Receive();
                if (message == null)
                {
                    return _result;
                }

                bool ended;
                lock (TreeLock)
                {
                    ended = Process(message);
                }
                if (ended)
                {
                    return _result;
                }
            }
        }

        private void QueuePackage1()
        {
            _queue.Add(Replies.Alert(_trigger.AlertCode));
            Command devInfo = new Command(CommandName.Replace);
            AddDevInfo(devInfo, "DevId");
            AddDevInfo(devInfo, "Man");
            AddDevInfo(devInfo, "Mod");
            AddDevInfo(devInfo, "DmV");
            AddDevInfo(devInfo, "Lang");
            _queue.Add(devInfo);
            _alertsQueued.Clear();
            QueueNewAlerts();
        }

        private void AddDevInfo(Command replace, string leaf)
        {
            Item item = new Item();
            item.SourceUri = "./DevInfo/" + leaf;
            item.Meta = new Meta();
            item.Meta.Format = ItemData.FormatChr;
            item.Meta.Type = "text/plain";
            string value = _tree.GetString(item.SourceUri);
            item.Data = value == null ? "" : value;
            replace.AddItem(item);
        }

        /// <summary>Generic alerts go out in the first message possible, including ones queued during the session.</summary>
        private void QueueNewAlerts()
        {
            GenericAlert[] pending = _alerts.PendingFor(_account.ServerId);
            for (int i = 0; i < pending.Length; i++)
            {
                if (_alertsQueued.Contains(pending[i]))
                {
                    continue;
                }

                Command command = GenericAlertCommand(pending[i]);
                _alertCommands[command] = pending[i];
                _alertsQueued.Add(pending[i]);
                _queue.Add(command);
            }
        }

        private static Command GenericAlertCommand(GenericAlert alert)
        {
            Command command = Replies.Alert(AlertCode.Generic);
            command.Correlator = alert.Correlator;
            Item item = new Item();
            item.SourceUri = alert.SourceUri;
            item.TargetUri = alert.TargetUri;
            item.Meta = new Meta();
            item.Meta.Type = alert.Type;
            item.Meta.Format = alert.Format;
            item.Meta.Mark = alert.Mark;
            item.Data = alert.Data == null ? "" : alert.Data;
            command.AddItem(item);
            return command;
        }

        private bool Send()
        {
            int length;
            lock (TreeLock)
            {
                length = Compose();
            }
            return length >= 0 && Post(length);
        }

        /// <summary>Writes the next message; its length, or -1 when a reply cannot fit.</summary>
        private int Compose()
        {
            SyncHeader header = NewHeader();
            header.Meta = new Meta();
            header.Meta.MaxMsgSize = _config.MaxMsgSize;
            header.Meta.MaxObjSize = _config.MaxObjSize;
            _clientAuth.Apply(header);
            _writer.Begin(header);
            int cmdId = 1;
            _sent.Clear();
            bool all = _queue.PackInto(_writer, ref cmdId, _sent);
            if (_sent.Count == 0 && !all)
            {
                _result.Reason = "a reply does not fit into the server's MaxMsgSize";
                return -1;
            }

            int length = _writer.Finish(all && _serverPackageClosed);
            TrackAlerts();
            return length;
        }

        private void TrackAlerts()
        {
            for (int i = 0; i < _sent.Count; i++)
            {
                SentCommand sent = (SentCommand)_sent[i];
                if (_alertCommands.Contains(sent.Origin))
                {
                    _alertsInFlight[_msgId + ":" + sent.Wire.CmdId] = _alertCommands[sent.Origin];
                }
            }
        }

        private bool Post(int length)
        {
            _exchange.Reset();
            _exchange.Url = _url;
            _exchange.ContentType = SyncMlCodec.ContentType(_encoding);
            _exchange.Body = _writer.Buffer;
            _exchange.BodyLength = length;
            _exchange.TimeoutMs = _config.HttpTimeoutMs;
            _clientAuth.Sign(_exchange);
            Observe(true, _writer.Buffer, length);
            try
            {
                _platform.Http.Post(_exchange);
            }
            catch (TransportException e)
            {
                _result.Reason = "cannot reach the server: " + e.Message;
                return false;
            }

            _result.MessagesSent++;
            lock (TreeLock)
            {
                _serverAuth.ChallengeSent();
            }
            Log(LogLevel.Debug, "sent message " + _msgId + " (" + _sent.Count + " commands, " + length + " bytes)");
            return true;
        }

        private SyncMessage Receive()
        {
            if (_exchange.ResponseStatus != 200)
            {
                _result.Reason = "the server answered HTTP " + _exchange.ResponseStatus;
                return null;
            }

            if (_exchange.ResponseTruncated)
            {
                Abort("the server's message exceeds MaxMsgSize (" + _config.MaxMsgSize + " bytes)");
                return null;
            }

            string type = _exchange.ResponseContentType;
            SyncMlEncoding encoding;
            if (!SyncMlCodec.TryGetEncoding(type, out encoding))
            {
                _result.Reason = "the server answered with content type '" + type + "', not SyncML DM";
                return null;
            }

            Observe(false, _exchange.ResponseBuffer, _exchange.ResponseLength);
            _result.MessagesReceived++;
            SyncMlParser parser = ParserFor(encoding);
            SyncMessage message = parser.Parse(_exchange.ResponseBuffer, 0, _exchange.ResponseLength);
            if (message == null)
            {
                Abort("malformed message from the server: " + parser.Error);
                return null;
            }

            if (message.Header.VerDtd != "1.2" || message.Header.VerProto != "DM/1.2")
            {
                Abort("the server speaks " + message.Header.VerProto + " (VerDTD " + message.Header.VerDtd + "), not DM/1.2");
                return null;
            }

            if (message.Header.SessionId != _trigger.SessionId)
            {
                Abort("the server answered for session '" + message.Header.SessionId + "'");
                return null;
            }

            return message;
        }

        /// <summary>Handles one server message; true when the session is over (successfully or not).</summary>
        private bool Process(SyncMessage message)
        {
            Meta chal;
            int headerCode = _serverAuth.Check(message.Header, _exchange, out chal);
            if (_serverAuth.Failure != null)
            {
                Abort(_serverAuth.Failure);
                return true;
            }

            if (_serverAuth.Verified)
            {
                if (_serverAuth.Required && headerCode == StatusCode.AuthenticationAccepted)
                {
                    Log(LogLevel.Info, "the server proved its identity (" + _account.ServerId + ")");
                }

                _clientAuth.OnServerVerified();
            }

            bool trusted = StatusCode.IsSuccess(headerCode);
            if (trusted && message.Header.RespUri != null && message.Header.RespUri.Length > 0)
            {
                _url = message.Header.RespUri;
            }

            if (trusted && message.Header.Meta != null && message.Header.Meta.MaxMsgSize > 0)
            {
                FitWriter(message.Header.Meta.MaxMsgSize);
            }

            if (_serverPackageClosed)
            {
                // A new server package: a "No" or "Cancel" in the previous one no longer applies.
                _executor.PackageStopped = false;
            }

            Command headerStatus = Replies.HeaderStatus(message.Header, headerCode);
            headerStatus.Chal = chal;
            _replies.Clear();
            bool hasCommands = false;
            bool serverWantsMore = false;
            AuthVerdict verdict = AuthVerdict.Proceed;
            for (int i = 0; i < message.Commands.Count; i++)
            {
                Command command = (Command)message.Commands[i];
                if (command.Name == CommandName.Status)
                {
                    AuthVerdict v = OnStatus(command);
                    if (v != AuthVerdict.Proceed)
                    {
                        verdict = v;
                    }

                    continue;
                }

                if (command.Name == CommandName.Results)
                {
                    continue;
                }

                hasCommands = true;
                if (!trusted)
                {
                    // The server has not proven itself: nothing it asks for runs; it repeats after our challenge.
                    if (!command.NoResp)
                    {
                        _replies.Add(Replies.Status(command, message.Header.MsgId, headerCode));
                    }

                    continue;
                }

                if (command.Name == CommandName.Alert)
                {
                    int code = Replies.ParseInt(command.Data, 0);
                    if (code == AlertCode.SessionAbort)
                    {
                        _result.Reason = "the server aborted the session (1223)";
                        return true;
                    }

                    if (code == AlertCode.NextMessage)
                    {
                        serverWantsMore = true;
                        _replies.Add(Replies.Status(command, message.Header.MsgId, StatusCode.Ok));
                        continue;
                    }
                }

                ExecuteServerCommand(command, message.Header.MsgId);
            }

            if (verdict == AuthVerdict.Fail)
            {
                _result.Reason = _clientAuth.Failure;
                return true;
            }

            if (verdict == AuthVerdict.Retry)
            {
                Log(LogLevel.Info, "server challenged the credentials; sending them again (" + _clientAuth.Scheme + ")");
                _queue.Clear();
                _queue.Add(headerStatus);
                _serverPackageClosed = true;
                QueuePackage1();
                return false;
            }

            if (message.Final && _largeObject.Pending)
            {
                _replies.Add(_largeObject.Interrupt());
            }

            _queue.AddFirst(headerStatus);
            _queue.AddAll(_replies);
            if (message.Final)
            {
                _serverPackageClosed = true;
            }
            else if (!serverWantsMore)
            {
                // The server's package continues in its next message: ask for it.
                _serverPackageClosed = false;
                _queue.Add(Replies.Alert(AlertCode.NextMessage));
            }

            // A server package without commands ends the session (DM 1.2 Pkg#2/#4 rule): alerts that came up since
            // the last message wait for the next session instead of prolonging this one.
            if (message.Final && !hasCommands && trusted && _queue.OnlyHeaderStatuses())
            {
                _result.Success = true;
                _result.Reason = "completed";
                _result.CommandsExecuted = _executor.Executed;
                _result.AuthScheme = _clientAuth.Scheme;
                Log(LogLevel.Info, "session " + _trigger.SessionId + " completed: " + _executor.Executed + " commands, "
                    + _result.MessagesSent + " messages sent");
                return true;
            }

            QueueNewAlerts();
            return false;
        }

        private void ExecuteServerCommand(Command command, string msgRef)
        {
            if (_largeObject.Pending && !_largeObject.IsContinuation(command))
            {
                _replies.Add(_largeObject.Interrupt());
            }

            if (LargeObjectReceiver.IsChunk(command) || _largeObject.Pending)
            {
                Command assembled = _largeObject.Accept(command, msgRef, _replies);
                if (assembled != null)
                {
                    _executor.Execute(assembled, msgRef, _replies);
                }

                return;
            }

            _executor.Execute(command, msgRef, _replies);
        }

        private AuthVerdict OnStatus(Command status)
        {
            if (status.CmdRef == "0")
            {
                bool wasAuthenticated = _clientAuth.Authenticated;
                AuthVerdict verdict = _clientAuth.OnHeaderStatus(status, _serverAuth.Verified);
                if (_clientAuth.Authenticated && !wasAuthenticated)
                {
                    Log(LogLevel.Info, "the server accepted our credentials (" + _clientAuth.Scheme + ", 212)");
                }

                return verdict;
            }

            string key = status.MsgRef + ":" + status.CmdRef;
            GenericAlert alert = (GenericAlert)_alertsInFlight[key];
            int code = Replies.Code(status);
            if (alert != null)
            {
                _alertsInFlight.Remove(key);
                if (code == StatusCode.Ok || code == StatusCode.Accepted)
                {
                    _alerts.Acknowledge(alert);
                    _result.AlertsDelivered++;
                    Log(LogLevel.Info, "generic alert " + alert.Type + " delivered (" + code + ")");
                }
                else
                {
                    Log(LogLevel.Warning, "server refused generic alert " + alert.Type + " with " + code + "; it stays queued");
                }
            }
            else if (!StatusCode.IsSuccess(code) && code != StatusCode.InvalidCredentials && code != StatusCode.MissingCredentials)
            {
                Log(LogLevel.Warning, "server answered our " + status.Cmd + " with " + code);
            }

            return AuthVerdict.Proceed;
        }

        /// <summary>Replies are read in whichever encoding the server chose; each parser is made on first use.
        /// One Data element can be as large as the message: MaxObjSize is enforced per object, with 413.</summary>
        private SyncMlParser ParserFor(SyncMlEncoding encoding)
        {
            if (encoding == SyncMlEncoding.Wbxml)
            {
                if (_wbxmlParser == null)
                {
                    _wbxmlParser = SyncMlCodec.CreateParser(encoding, 64, _config.MaxMsgSize);
                }

                return _wbxmlParser;
            }

            if (_xmlParser == null)
            {
                _xmlParser = SyncMlCodec.CreateParser(encoding, 64, _config.MaxMsgSize);
            }

            return _xmlParser;
        }

        /// <summary>Our messages must not exceed the server's MaxMsgSize (nor our own buffer).</summary>
        private void FitWriter(long serverMax)
        {
            int size = serverMax < _config.MaxMsgSize ? (int)serverMax : _config.MaxMsgSize;
            if (size < 256)
            {
                size = 256;
            }

            if (size != _writer.Capacity)
            {
                _writer = SyncMlCodec.CreateWriter(_encoding, size);
            }
        }

        /// <summary>Tells the server (best effort) that the session is over, with 1223.</summary>
        private void Abort(string reason)
        {
            _result.Reason = reason;
            Log(LogLevel.Error, "aborting session " + _trigger.SessionId + ": " + reason);
            _queue.Clear();
            _queue.Add(Replies.Alert(AlertCode.SessionAbort));
            _serverPackageClosed = true;
            _writer.Begin(NewHeader());
            int cmdId = 1;
            _sent.Clear();
            _queue.PackInto(_writer, ref cmdId, _sent);
            Post(_writer.Finish(true));
            _result.Reason = reason;
        }

        private SyncHeader NewHeader()
        {
            SyncHeader header = new SyncHeader();
            header.SessionId = _trigger.SessionId;
            _msgId++;
            header.MsgId = _msgId.ToString();
            header.TargetUri = _account.ServerUri;
            header.SourceUri = _tree.GetString("./DevInfo/DevId");
            return header;
        }

        private void Observe(bool outgoing, byte[] data, int length)
        {
            if (_observer != null)
            {
                _observer(outgoing, data, length);
            }
        }

        private void Log(LogLevel level, string message)
        {
            _platform.Log.Write(level, "session", message);
        }
    }
}
