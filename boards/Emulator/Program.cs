using System.CommandLine;
using System.CommandLine.Parsing;
using NanoOmaDm.Agent.Terminal;

namespace NanoOmaDm.Emulator;

/// <summary>Command line of the emulator. Without arguments it runs the demo against the bundled DM server.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var server = new Option<string>("--server")
        {
            HelpName = "URL",
            Description = "DM server URL (http or https). Without it the emulator runs the demo: one session against the "
                + "bundled DM server started in-process on 127.0.0.1.",
        };
        server.Validators.Add(r =>
        {
            string url = r.GetValueOrDefault<string>();
            Uri uri;
            if (url != null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                r.AddError("--server: '" + url + "' is not an absolute http:// or https:// URL");
            }
        });

        var serverId = new Option<string>("--server-id")
        {
            HelpName = "ID",
            Description = "The server's ServerID (DMAcc account, ACLs, Pkg#0 check) [default: " + EmulatorOptions.DefaultServerId + "]",
        };
        var user = new Option<string>("--user")
        {
            HelpName = "NAME",
            Description = "Client user name toward the server (client credentials) [default: the device id; with basic auth its ':' become '_', "
                + "as a Basic user name cannot contain ':']",
        };
        var password = new Option<string>("--password")
        {
            HelpName = "SECRET",
            Description = "Client password (client credentials) [demo default: " + EmulatorOptions.DemoPassword + "]",
        };
        var serverPassword = new Option<string>("--server-password")
        {
            HelpName = "SECRET",
            Description = "Server password (server credentials): verifies Pkg#0 digests and the server's credentials. "
                + "Without it notifications cannot be verified and are refused [demo default: " + EmulatorOptions.DemoServerPassword + "]",
        };
        var auth = new Option<string>("--auth")
        {
            HelpName = "basic|md5|hmac",
            Description = "Preferred authentication scheme (DMAcc AAuthPref); in the demo the bundled server requires it",
            DefaultValueFactory = _ => "md5",
        };
        auth.AcceptOnlyFromAmong("basic", "md5", "hmac");
        var deviceId = new Option<string>("--device-id")
        {
            HelpName = "ID",
            Description = "Device id (./DevInfo/DevId, SyncHdr Source), e.g. IMEI:357000000000001 [default: kept in --state, "
                + "else an IMEI-like id derived from this machine]",
        };
        var state = new Option<string>("--state")
        {
            HelpName = "DIR",
            Description = "State directory, created if missing: the device id (file 'device-id') and the persistent store "
                + "(dmstate.*: management tree, credentials and nonces, queued generic alerts), so that a restarted emulator with "
                + "the same state is the same device (a new state gets a fresh random id). Without --state the store lives in a "
                + "temporary directory that is deleted on exit.",
        };
        var once = new Option<bool>("--once")
        {
            Description = "With --server: run one client-initiated session and exit: 0 on success, 1 with the reason otherwise",
        };
        var notifyPort = new Option<int?>("--notify-port")
        {
            HelpName = "PORT",
            Description = "With --server: listen for server notifications (Pkg#0) as UDP datagrams on 127.0.0.1:PORT "
                + "(0 = any free port) and run a session for each genuine one",
        };
        notifyPort.Validators.Add(r =>
        {
            int? port = r.GetValueOrDefault<int?>();
            if (port.HasValue && (port.Value < 0 || port.Value > 65535))
            {
                r.AddError("--notify-port: " + port.Value + " is not a UDP port (0-65535)");
            }
        });
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print every DM message on the wire as text, debug log lines and the bundled server's log",
        };
        var uiAnswer = new Option<string[]>("--ui-answer")
        {
            HelpName = "ANSWER",
            Description = "How UI alerts (1100-1104) are answered: " + UiAnswer.Syntax + ". Repeat it to answer several alerts in "
                + "order (the last one repeats) [default: accept]. Every alert is printed.",
        };
        uiAnswer.Validators.Add(r =>
        {
            foreach (string spec in r.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                string error;
                if (UiAnswer.Parse(spec, out error) == null)
                {
                    r.AddError("--ui-answer: " + error);
                }
            }
        });
        var uiConsole = new Option<bool>("--ui-console")
        {
            Description = "Ask UI alerts on the console (stdin) instead of answering them from --ui-answer (used when stdin ends)",
        };
        var maxMsgSize = new Option<int?>("--max-msg-size")
        {
            HelpName = "N",
            Description = "Largest DM message in bytes the agent accepts and sends (advertised MaxMsgSize) [default: the agent's, 16384]",
        };
        maxMsgSize.Validators.Add(r =>
        {
            int? n = r.GetValueOrDefault<int?>();
            if (n.HasValue && (n.Value < 1024 || n.Value > 16 * 1024 * 1024))
            {
                r.AddError("--max-msg-size: " + n.Value + " is out of range (1024-16777216)");
            }
        });

        var console = new Option<string>("--console")
        {
            HelpName = "stdio|pty|none",
            Description = "With --server (not --once): where the technician's console runs: stdio reads commands on stdin, pty "
                + "creates a pseudo-terminal and prints its path (open it with screen or socat), none has no console [default: stdio]",
        };
        console.AcceptOnlyFromAmong("stdio", "pty", "none");
        var consolePin = new Option<string>("--console-pin")
        {
            HelpName = "PIN",
            Description = "Factory PIN of the console (" + PinRecord.MinPinLength + "-" + PinRecord.MaxPinLength + " printable characters, "
                + "no blanks): 'login PIN' unlocks the commands that change the device [default: " + EmulatorOptions.DefaultConsolePin + "]",
        };
        consolePin.Validators.Add(r =>
        {
            string pin = r.GetValueOrDefault<string>();
            if (pin != null && !PinRecord.IsAcceptablePin(pin))
            {
                r.AddError("--console-pin: a PIN has " + PinRecord.MinPinLength + " to " + PinRecord.MaxPinLength + " printable characters and no blanks");
            }
        });

        var trustedKey = new Option<string[]>("--trusted-key")
        {
            HelpName = "ID=FILE",
            Description = "Trust delivery packages signed with this Ed25519 public key (FILE: the .pub that 'PackageTool keygen' "
                + "writes, 64 hex digits) under key id ID; repeatable. Provisioned as the device, like a factory key",
            AllowMultipleArgumentsPerToken = false,
        };
        var keyAuthority = new Option<string>("--key-authority")
        {
            HelpName = "SERVERID",
            Description = "The only DM server allowed to add, replace or delete trusted package keys in ./SCOMO/Ext/TrustedKeys "
                + "[default: the --server-id; 'none': no server may]",
        };

        var root = new RootCommand(
            "nanoOmaDm emulator: the OMA DM 1.2 client agent of the nanoFramework boards, running on the desktop.\n\n"
            + "  no arguments       demo: starts the bundled DM server on 127.0.0.1 (demo scenario, md5), runs one session\n"
            + "                     against it, then has it deliver a signed software component (downloaded, verified,\n"
            + "                     installed, started, reported, removed); prints the transcript and the server's\n"
            + "                     reports (exit 0 = all passed)\n"
            + "  --server URL       against a real server: --once runs one session; otherwise the emulator keeps running,\n"
            + "                     runs a session per genuine notification on --notify-port and serves the technician's\n"
            + "                     console (--console, default stdin): 'help' lists its commands, 'quit' stops the emulator.\n"
            + "                     Ctrl+C stops it.\n\n"
            + "Exit codes: 0 success, 1 session or report failed, 2 configuration error, 3 reboot requested on the console\n"
            + "(reboot, factory-reset: start the emulator again), 130 interrupted.")
        {
            server, serverId, user, password, serverPassword, auth, deviceId, state, once, notifyPort, verbose, uiAnswer, uiConsole, maxMsgSize,
            console, consolePin, trustedKey, keyAuthority,
        };

        root.SetAction(parse =>
        {
            var options = new EmulatorOptions
            {
                ServerUrl = parse.GetValue(server),
                ServerId = parse.GetValue(serverId),
                User = parse.GetValue(user),
                Password = parse.GetValue(password),
                ServerPassword = parse.GetValue(serverPassword),
                Auth = parse.GetValue(auth),
                DeviceId = parse.GetValue(deviceId),
                StateDir = parse.GetValue(state),
                Once = parse.GetValue(once),
                NotifyPort = parse.GetValue(notifyPort),
                Verbose = parse.GetValue(verbose),
                UiConsole = parse.GetValue(uiConsole),
                MaxMsgSize = parse.GetValue(maxMsgSize),
                ConsoleMode = parse.GetValue(console),
                ConsolePin = parse.GetValue(consolePin),
                KeyAuthority = parse.GetValue(keyAuthority),
            };
            foreach (string spec in parse.GetValue(trustedKey) ?? Array.Empty<string>())
            {
                options.TrustedKeyFiles.Add(spec);
            }
            foreach (string spec in parse.GetValue(uiAnswer) ?? Array.Empty<string>())
            {
                string error;
                options.UiAnswers.Add(UiAnswer.Parse(spec, out error));
            }

            using var app = new EmulatorApp(options);
            return app.Run();
        });

        ParseResult result = root.Parse(args);
        return result.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
