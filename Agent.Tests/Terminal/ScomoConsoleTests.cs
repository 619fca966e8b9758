using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Terminal;
using NanoOmaDm.Agent.Terminal.Commands;
using NanoOmaDm.DmServer;
using NanoOmaDm.Emulator.Hal;
using NanoOmaDm.Tests.Emulator;
using NanoOmaDm.Tests.Scomo;
using Xunit;
using Xunit.Abstractions;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>The technician's <c>scomo</c> and <c>download</c> commands on a device with SCOMO (the SCOMO rig, its
    /// DmServer installing the packages), and on a fresh emulator through its standard input.</summary>
    public sealed class ScomoConsoleTests : IDisposable
    {
        private const string Pin = "2468";
        private static readonly TimeSpan EmulatorLimit = TimeSpan.FromSeconds(45);

        private readonly ScomoRig _rig;
        private readonly ScriptedPort _port = new ScriptedPort();
        private readonly DmConsole _console;

        public ScomoConsoleTests(ITestOutputHelper output)
        {
            _rig = new ScomoRig(output).Boot();
            var platform = new AgentPlatform
            {
                Clock = new SystemClock(),
                Identity = new EmulatorIdentity(EmulatorIdentity.RandomDeviceId()),
                Random = new CryptoRandom(),
                Log = _rig.Log,
            };
            _console = new DmConsole(_rig.Agent, platform, _port, new ConsoleSettings { FactoryPin = Pin });
            _console.Register(new ScomoCommand(_rig.Agent, _rig.Scomo.Executor));
            _console.Register(new DownloadCommand(_rig.Scomo.Executor));
            _console.AddStatusSource(new ScomoStatusSource(_rig.Agent, _rig.Scomo.Executor));
        }

        public void Dispose() => _rig.Dispose();

        [Fact]
        public void ComponentsAreListedAndChangedAfterLogin()
        {
            _rig.RunSession(ScomoScenario.DirectDelivery("p", _rig.SamplePackage("tool"), "Install", "c-p"));
            _rig.WaitForAlert("./SCOMO/Inventory/Delivered/p/Operations/Install", "c-p");
            Assert.True(_rig.IsIdle());

            string list = Run("scomo list");
            Assert.Contains("Deployed components:\r\n  tool  1.0.0  active  status 10 (idle)", list);
            Assert.Contains("Delivered packages:\r\n  p  PkgID pkg-tool  installed", list);
            Assert.Contains("operation: no operation running", list);
            Assert.Equal(list, Run("scomo"));
            Assert.Contains("software 1 component(s) (1 active), no operation running", Run("status"));

            Assert.Contains("refused: 'scomo' changes the device", Run("scomo deactivate tool"));
            Assert.True(_rig.Scomo.Host.IsRunning("tool"));

            Assert.Contains("logged in", Run("login " + Pin));
            Assert.Contains("queued Deactivate of tool; result in the log and 'scomo list'", Run("scomo deactivate tool"));
            Assert.True(_rig.IsIdle());
            Assert.False(_rig.Scomo.Host.IsRunning("tool"));
            Assert.Contains("  tool  1.0.0  inactive  status 10 (idle)", Run("scomo list"));
            Assert.Contains("refused: tool is not active (405)", Run("scomo deactivate tool"));

            Assert.Contains("queued Activate of tool", Run("scomo activate tool"));
            Assert.True(_rig.IsIdle());
            Assert.True(_rig.Scomo.Host.IsRunning("tool"));
            Assert.Contains("refused: tool is already active (405)", Run("scomo activate tool"));

            Assert.Contains("not found: no deployed component 'nosuch'", Run("scomo remove nosuch"));
            Assert.Contains("usage: scomo [list]", Run("scomo activate"));
            Assert.Contains("usage: scomo [list]", Run("scomo install tool"));

            Assert.Contains("queued Remove of tool", Run("scomo remove tool"));
            Assert.True(_rig.IsIdle());
            Assert.False(_rig.Scomo.Host.IsRunning("tool"));
            Assert.Contains("no components deployed", Run("scomo list"));
        }

        [Fact]
        public void ADownloadHeldByLowBatteryIsShownSuspendedAndResumed()
        {
            Assert.Contains("no download in progress", Run("download status"));
            _rig.DeviceState.BatteryPercent = 5;   // the download waits for power
            string url = _rig.Serve("held.ndmp", _rig.SamplePackage("held"));
            _rig.RunSession(ScomoScenario.AlternateDelivery("h", url, "Download", "c-h"));
            DownloadClient download = WaitFor(() => _rig.Scomo.Executor.ActiveDownload,
                d => d.State == DownloadState.Suspended && d.SuspendReasons == SuspendReasons.BatteryLow);

            string status = Run("download");
            Assert.Contains("operation: Download on h running, 0 queued", status);
            Assert.Contains("entry:     ./SCOMO/Download/h", status);
            Assert.Contains("url:       " + url, status);
            Assert.Contains("progress:  0 ", status);
            Assert.Contains("state:     suspended (battery-low)", status);
            Assert.Contains("software 0 component(s) (0 active), Download on h running, 0 queued, download suspended (battery-low)", Run("status"));

            Assert.Contains("refused: 'download' changes the device", Run("download suspend"));
            Assert.Contains("logged in", Run("login " + Pin));
            Assert.Contains("suspending the download of " + url, Run("download suspend"));
            WaitFor(() => download, d => d.SuspendReasons == (SuspendReasons.Command | SuspendReasons.BatteryLow));
            Assert.Contains("state:     suspended (command, battery-low)", Run("download status"));

            Assert.Contains("resume requested; the download still waits for: battery-low", Run("download resume"));
            WaitFor(() => download, d => d.SuspendReasons == SuspendReasons.BatteryLow);
            Assert.Equal(DownloadState.Suspended, download.State);
            Assert.Contains("usage: download [status]", Run("download pause"));

            _rig.DeviceState.BatteryPercent = 100;
            Assert.Contains("<ResultCode>1200</ResultCode>", _rig.WaitForAlert("./SCOMO/Download/h/Operations/Download", "c-h").Data);
            Assert.True(_rig.IsIdle());
            Assert.Equal(DownloadState.Completed, download.State);
            Assert.Contains("no download in progress", Run("download status"));
            Assert.Contains("no download in progress", Run("download resume"));
        }

        [Fact]
        public void CancellingTheDownloadReportsUserCancelledToTheServer()
        {
            _rig.DeviceState.BatteryPercent = 5;
            string url = _rig.Serve("unwanted.ndmp", _rig.SamplePackage("unwanted"));
            _rig.RunSession(ScomoScenario.AlternateDelivery("u", url, "DownloadInstall", "c-u"));
            WaitFor(() => _rig.Scomo.Executor.ActiveDownload, d => d.State == DownloadState.Suspended);

            Assert.Contains("refused: 'download' changes the device", Run("download cancel"));
            Assert.Contains("logged in", Run("login " + Pin));
            Assert.Contains("cancelling the download of " + url, Run("download cancel"));

            GenericAlertRecord alert = _rig.WaitForAlert("./SCOMO/Download/u/Operations/DownloadInstall", "c-u");
            Assert.Contains("<ResultCode>1401</ResultCode>", alert.Data);
            Assert.Equal("critical", alert.Mark);
            Assert.True(_rig.IsIdle());
            Assert.Equal("20", _rig.Get("./SCOMO/Download/u/Status"));
            Assert.False(_rig.Exists("./SCOMO/Inventory/Deployed/unwanted"));
        }

        [Fact]
        public void AFreshEmulatorAnswersThatNothingIsInstalledOrDownloading()
        {
            EmulatorProcess.Run run = EmulatorProcess.Execute(EmulatorLimit, "scomo list\ndownload status\nquit\n",
                "--server", "http://127.0.0.1:1/dm");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("no components deployed", run.Output);
            Assert.Contains("no packages delivered", run.Output);
            Assert.Contains("operation: no operation running", run.Output);
            Assert.Contains("no download in progress", run.Output);
        }

        private string Run(string line)
        {
            _port.Clear();
            _console.Execute(line);
            return _port.Screen;
        }

        /// <summary>Polls until <paramref name="get"/> gives a value <paramref name="done"/> accepts (the download thread
        /// changes state at its own pace).</summary>
        private static T WaitFor<T>(Func<T> get, Func<T, bool> done) where T : class
        {
            DateTime deadline = DateTime.UtcNow + ScomoRig.Wait;
            while (true)
            {
                T value = get();
                if (value != null && done(value))
                {
                    return value;
                }
                Assert.True(DateTime.UtcNow < deadline, "the download did not reach the expected state");
                Thread.Sleep(20);
            }
        }
    }
}
