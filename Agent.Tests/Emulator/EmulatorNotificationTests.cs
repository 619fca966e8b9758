using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator;
using Xunit;

namespace NanoOmaDm.Tests.Emulator
{
    /// <summary>The long-running emulator against the bundled server as a separate device process: a console-started
    /// session, a genuine Pkg#0 over UDP that starts a server-initiated session, and a forged one that is refused.</summary>
    public class EmulatorNotificationTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

        [Fact]
        public void GenuineNotificationStartsASessionAndAForgedOneIsRefused()
        {
            const string deviceId = "IMEI:357000000000001";
            var options = new DmServerOptions
            {
                Port = 0,
                ServerId = "e2e-server",
                ServerPassword = "e2e-server-secret",
                UserName = "e2e-user",
                Password = "e2e-secret",
                RequiredAuth = AuthScheme.Md5,
                AuthenticateToClient = true,
                Scenario = DmServerHost.LoadScenario(
                    "{ \"name\": \"e2e\", \"packages\": [ { \"commands\": [ "
                    + "{ \"cmd\": \"Get\", \"target\": \"./DevInfo/Mod\", \"expect\": { \"status\": [200], \"data\": \"Emulator\" } } ] } ] }"),
            };
            using DmServerHost host = DmServerHost.Start(options);
            SessionReport clientInitiated = null;
            SessionReport serverInitiated = null;
            string failure = null;

            EmulatorProcess.Run run = EmulatorProcess.Execute(Wait, null, (process, output) =>
            {
                failure = Drive(process, output, host, deviceId, out clientInitiated, out serverInitiated);
            },
            "--server", host.Url, "--server-id", "e2e-server", "--user", "e2e-user", "--password", "e2e-secret",
            "--server-password", "e2e-server-secret", "--device-id", deviceId, "--notify-port", "0");

            Assert.True(run.CallbackError == null && failure == null, failure + "\n" + run);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(clientInitiated.Passed, clientInitiated.ToString());
            Assert.False(clientInitiated.TriggeredByNotification);
            Assert.True(serverInitiated.Passed, serverInitiated.ToString());
            Assert.True(serverInitiated.TriggeredByNotification, serverInitiated.ToString());
            Assert.Equal(2, Regex.Matches(run.Output, "Session [0-9A-F]+ with e2e-server: SUCCESS").Count);
            Assert.Contains("Notification refused", run.Output);
        }

        /// <summary>Plays the server side while the emulator runs; returns what went wrong, or null.</summary>
        private static string Drive(Process process, StringBuilder output, DmServerHost host, string deviceId,
            out SessionReport clientInitiated, out SessionReport serverInitiated)
        {
            clientInitiated = null;
            serverInitiated = null;
            if (!EmulatorProcess.WaitForOutput(output, "Running.", Wait))
            {
                return "the emulator did not start";
            }

            Match listening;
            lock (output)
            {
                listening = Regex.Match(output.ToString(), "on UDP 127\\.0\\.0\\.1:(\\d+)");
            }

            if (!listening.Success)
            {
                return "the emulator did not say where it listens";
            }

            int port = int.Parse(listening.Groups[1].Value);

            // A first client-initiated session, as a device does after provisioning: nonces are exchanged.
            process.StandardInput.WriteLine("login " + EmulatorOptions.DefaultConsolePin);
            process.StandardInput.WriteLine("session start");
            process.StandardInput.Flush();
            clientInitiated = host.WaitForSession(Wait);

            // A genuine notification: signed with the server password and the nonce the device issued.
            NotificationMessage pkg0 = host.SendNotification("127.0.0.1", port, new NotificationRequest { DeviceId = deviceId });
            serverInitiated = host.WaitForSession(Wait);
            if (serverInitiated.SessionId != pkg0.SessionIdHex)
            {
                return "the server-initiated session has id " + serverInitiated.SessionId + ", the notification asked for " + pkg0.SessionIdHex;
            }

            if (!EmulatorProcess.WaitForOutput(output, "Session " + pkg0.SessionIdHex + " with e2e-server: SUCCESS", Wait))
            {
                return "the emulator did not report the server-initiated session";
            }

            // A forged one: refused without any session.
            host.SendNotification("127.0.0.1", port, new NotificationRequest { DeviceId = deviceId, ForgeDigest = true });
            if (!EmulatorProcess.WaitForOutput(output, "Notification refused", Wait))
            {
                return "the forged notification was not refused";
            }

            process.StandardInput.WriteLine("quit");
            process.StandardInput.Close();
            return null;
        }
    }
}
