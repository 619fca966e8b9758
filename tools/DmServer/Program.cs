using System.Globalization;

namespace NanoOmaDm.DmServer;

/// <summary>Command line: serve (default) or notify. See README.md.</summary>
internal static class Program
{
    private const string Usage = @"nanoOmaDm DM server (OMA DM 1.2, application/vnd.syncml.dm+xml and +wbxml)

Usage:
  DmServer [serve] [options]        run the server on 127.0.0.1
  DmServer notify [options]         send a DM 1.2 Pkg#0 over UDP
  DmServer scenarios                list the built-in scenarios

serve options:
  --port N                 TCP port (default 8080; 0 = any free port)
  --scenario FILE|NAME     JSON scenario file, or a built-in name (demo)
  --server-id ID           server id (default nanoOmaDm-demo)
  --server-password P      server secret (default server-secret)
  --user NAME:PASSWORD     accepted client account (repeatable; split at the last ':')
  --auth none|basic|md5|hmac   authentication required from the client (default none)
  --auth-to-client         send the server credential to the client
  --server-auth basic|md5|hmac scheme of the server credential (default: as --auth, md5 for none)
  --no-nonce-rotation      md5: no fresh NextNonce with 212
  --client-nonce B64       nonce expected in the first md5/hmac credential of unknown devices
  --server-nonce B64       initial nonce of the server credential / Pkg#0 (default 16 zero bytes)
  --wrong-server-cred      always send a wrong server credential
  --max-msg-size N         server MaxMsgSize (sent and enforced; 0 = none)
  --max-obj-size N         server MaxObjSize (0 = none)
  --resp-uri               send RespURI and require its use
  --files DIR              serve the files in DIR at /files/<name> (HTTP Range supported)
  --idle-timeout S         abort sessions silent for S seconds (default 120; 0 = never)
  --sessions N             exit after N finished sessions (default: run until Ctrl+C)
  --timeout S              with --sessions: give up after S seconds (exit code 3)
  --report FILE            write the reports as JSON: {""passed"":bool,""sessions"":[...]}
  --notify HOST:PORT       send a Pkg#0 to HOST:PORT once listening (with --ui-mode, --session-id)
  --log-messages           log every message body
  --quiet                  no progress log

notify options:
  --host H --port P        UDP destination (default 127.0.0.1:2948)
  --server-id ID --server-password P
  --nonce B64 | --nonce-text TEXT   server->client nonce for the digest (default 16 zero bytes)
  --session-id N           1..65535, decimal or 0xHEX (default random)
  --ui-mode 0..3           0 unspecified, 1 background, 2 informative, 3 user interaction
  --version N              10-bit version field (default 12)
  --client-initiated       initiator bit 0
  --vendor-hex HEX         vendor-specific trailer
  --forge-digest           random digest
  --wrong-password         digest with a wrong password

Exit codes: 0 all sessions passed, 1 a session failed, 2 usage error, 3 timeout.";

    private static int Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help"))
            {
                Console.WriteLine(Usage);
                return 0;
            }

            if (args.Length > 0 && args[0] == "notify")
            {
                return Notify(args.Skip(1).ToArray());
            }

            if (args.Length > 0 && args[0] == "scenarios")
            {
                foreach (var n in DmServerHost.BuiltInScenarioNames())
                {
                    Console.WriteLine(n);
                }

                return 0;
            }

            return Serve(args.Length > 0 && args[0] == "serve" ? args.Skip(1).ToArray() : args);
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            Console.Error.WriteLine("run with --help for usage");
            return 2;
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
    }

    private static int Serve(string[] args)
    {
        var o = new DmServerOptions { Port = 8080, Log = Console.Out };
        string reportFile = null;
        string notify = null;
        var notifyReq = new NotificationRequest();
        var sessions = 0;
        var timeout = 0;
        var a = new Args(args);
        while (a.Next(out var opt))
        {
            switch (opt)
            {
                case "--port": o.Port = a.Int(); break;
                case "--scenario": o.Scenario = DmServerHost.LoadScenarioFile(a.Value()); break;
                case "--server-id": o.ServerId = a.Value(); break;
                case "--server-password": o.ServerPassword = a.Value(); break;
                case "--user":
                    {
                        var v = a.Value();
                        var c = v.LastIndexOf(':');
                        if (c <= 0)
                        {
                            throw new UsageException("--user needs NAME:PASSWORD");
                        }

                        o.Users[v.Substring(0, c)] = v.Substring(c + 1);
                        break;
                    }

                case "--auth": o.RequiredAuth = Scheme(a.Value()); break;
                case "--auth-to-client": o.AuthenticateToClient = true; break;
                case "--server-auth": o.ServerAuth = Scheme(a.Value()); break;
                case "--no-nonce-rotation": o.RotateNonceOnSuccess = false; break;
                case "--client-nonce": o.InitialClientNonce = B64(a.Value()); break;
                case "--server-nonce": o.InitialServerNonce = B64(a.Value()); break;
                case "--wrong-server-cred": o.SendWrongServerCredential = true; break;
                case "--max-msg-size": o.MaxMsgSize = a.Int(); break;
                case "--max-obj-size": o.MaxObjSize = a.Int(); break;
                case "--resp-uri": o.UseRespUri = true; break;
                case "--files": o.FilesDirectory = ExistingDirectory(a.Value()); break;
                case "--files-rate": o.FilesBytesPerSecond = a.Int(); break;
                case "--idle-timeout": o.IdleTimeout = TimeSpan.FromSeconds(a.Int()); break;
                case "--sessions": sessions = a.Int(); break;
                case "--timeout": timeout = a.Int(); break;
                case "--report": reportFile = a.Value(); break;
                case "--notify": notify = a.Value(); break;
                case "--ui-mode": notifyReq.UiMode = a.Int(); break;
                case "--session-id": notifyReq.SessionId = ParseInt(a.Value()); break;
                case "--log-messages": o.LogMessages = true; break;
                case "--quiet": o.Log = null; break;
                default: throw new UsageException("unknown option " + opt);
            }
        }

        if (o.RequiredAuth != AuthScheme.None && o.EffectiveUsers().Count == 0)
        {
            throw new UsageException("--auth " + o.RequiredAuth + " needs at least one --user NAME:PASSWORD");
        }

        using (var host = DmServerHost.Start(o))
        {
            Console.WriteLine("DM server URL: " + host.Url);
            if (host.FilesUrl != null)
            {
                Console.WriteLine("files: " + host.FilesUrl + " <- " + Path.GetFullPath(o.FilesDirectory));
            }
            if (notify != null)
            {
                var (h, p) = HostPort(notify);
                var msg = host.SendNotification(h, p, notifyReq);
                Console.WriteLine("sent Pkg#0 to " + notify + " (session id " + msg.SessionIdHex + ")");
            }

            using (var stop = new CancellationTokenSource())
            {
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };

                // `kill` (CI scripts, the demo) must end the loop too and still write the report
                using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
                {
                    c.Cancel = true;
                    stop.Cancel();
                });
                var deadline = timeout > 0 ? DateTime.UtcNow.AddSeconds(timeout) : DateTime.MaxValue;
                var got = 0;
                var timedOut = false;
                while (!stop.IsCancellationRequested && (sessions <= 0 || got < sessions))
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                    {
                        timedOut = true;
                        break;
                    }

                    try
                    {
                        var wait = left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
                        if (host.WaitForSessionAsync(wait, stop.Token).GetAwaiter().GetResult() != null)
                        {
                            got++;
                        }
                    }
                    catch (TimeoutException)
                    {
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                var reports = host.Reports;
                if (reportFile != null)
                {
                    File.WriteAllText(reportFile, SessionReport.ToJson(reports));
                    Console.WriteLine("report written to " + reportFile);
                }

                Console.WriteLine(reports.Count + " session(s): " + reports.Count(r => r.Passed) + " passed, " + reports.Count(r => !r.Passed) + " failed");
                if (timedOut)
                {
                    Console.Error.WriteLine("timeout: " + got + " of " + sessions + " session(s) finished within " + timeout + " s");
                    return 3;
                }

                return reports.All(r => r.Passed) ? 0 : 1;
            }
        }
    }

    private static int Notify(string[] args)
    {
        var r = new NotificationRequest { ServerId = "nanoOmaDm-demo", ServerPassword = "server-secret", Nonce = new byte[16] };
        var host = "127.0.0.1";
        var port = 2948;
        var a = new Args(args);
        while (a.Next(out var opt))
        {
            switch (opt)
            {
                case "--host": host = a.Value(); break;
                case "--port": port = a.Int(); break;
                case "--server-id": r.ServerId = a.Value(); break;
                case "--server-password": r.ServerPassword = a.Value(); break;
                case "--nonce": r.Nonce = B64(a.Value()); break;
                case "--nonce-text": r.Nonce = System.Text.Encoding.UTF8.GetBytes(a.Value()); break;
                case "--session-id": r.SessionId = ParseInt(a.Value()); break;
                case "--ui-mode": r.UiMode = a.Int(); break;
                case "--version": r.Version = a.Int(); break;
                case "--client-initiated": r.ServerInitiated = false; break;
                case "--vendor-hex": r.VendorData = Convert.FromHexString(a.Value()); break;
                case "--forge-digest": r.ForgeDigest = true; break;
                case "--wrong-password": r.UseWrongPassword = true; break;
                default: throw new UsageException("unknown option " + opt);
            }
        }

        var msg = Notification.Build(r);
        Notification.Send(host, port, msg.Bytes);
        Console.WriteLine("sent Pkg#0 (" + msg.Bytes.Length + " bytes) to " + host + ":" + port + ": session id " + msg.SessionIdHex
            + ", ui-mode " + msg.UiMode + ", server id " + msg.ServerId);
        Console.WriteLine(Convert.ToHexString(msg.Bytes));
        return 0;
    }

    private static AuthScheme Scheme(string v)
    {
        switch (v.ToLowerInvariant())
        {
            case "none": return AuthScheme.None;
            case "basic": return AuthScheme.Basic;
            case "md5": return AuthScheme.Md5;
            case "hmac":
            case "mac": return AuthScheme.Hmac;
            default: throw new UsageException("unknown auth scheme " + v + " (none, basic, md5, hmac)");
        }
    }

    private static string ExistingDirectory(string v)
    {
        return Directory.Exists(v) ? v : throw new UsageException("--files: no such directory " + v);
    }

    private static byte[] B64(string v)
    {
        return SyncMl.TryDecodeBase64(v) ?? throw new UsageException("not base64: " + v);
    }

    private static int ParseInt(string v)
    {
        if (v.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h))
        {
            return h;
        }

        if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        throw new UsageException("not a number: " + v);
    }

    private static (string Host, int Port) HostPort(string v)
    {
        var c = v.LastIndexOf(':');
        if (c <= 0)
        {
            throw new UsageException("expected HOST:PORT, got " + v);
        }

        return (v.Substring(0, c), ParseInt(v.Substring(c + 1)));
    }

    private sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }

    private sealed class Args
    {
        private readonly string[] args;
        private int i;

        public Args(string[] args)
        {
            this.args = args;
        }

        public bool Next(out string option)
        {
            if (i >= args.Length)
            {
                option = null;
                return false;
            }

            option = args[i++];
            return true;
        }

        public string Value()
        {
            if (i >= args.Length)
            {
                throw new UsageException(args[i - 1] + " needs a value");
            }

            return args[i++];
        }

        public int Int()
        {
            return ParseInt(Value());
        }
    }
}
