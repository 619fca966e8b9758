using NanoOmaDm.Agent.Download;
using NanoOmaDm.Emulator.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>Suspension on command and on each device condition, and resumption when it clears.</summary>
    public class DownloadSuspendTests : IClassFixture<FaultServerFixture>
    {
        private const int Size = 600_000;
        private const long TriggerAt = 200_000;
        private readonly FaultServerFixture server;

        public DownloadSuspendTests(FaultServerFixture server)
        {
            this.server = server;
        }

        /// <summary>Runs a download that calls <paramref name="trigger"/> once when TriggerAt bytes are stored, and
        /// <paramref name="whileWaiting"/> after every sleep (with the count of sleeps so far).</summary>
        private static (DownloadResult Result, List<SuspendReasons> Reasons) Run(
            DownloadRig rig, DownloadRequest request, Action<DownloadClient> trigger, Action<DownloadClient, int> whileWaiting)
        {
            DownloadClient client = rig.Client(request);
            var reasons = new List<SuspendReasons>();
            bool fired = false;
            client.AddProgressListener((c, done, total) =>
            {
                if (!fired && done >= TriggerAt)
                {
                    fired = true;
                    trigger?.Invoke(c);
                }
            });
            client.AddStateListener(c =>
            {
                if (c.State == DownloadState.Suspended)
                {
                    reasons.Add(c.SuspendReasons);
                }
            });
            int sleeps = 0;
            rig.Time.OnSleep = _ => whileWaiting(client, ++sleeps);
            return (client.Run(), reasons);
        }

        private static void AssertResumedOnce(DownloadRig rig, DownloadResult result, byte[] sha)
        {
            Assert.True(result.IsSuccess, result.Message + "\n" + rig.Transcript());
            Assert.Equal(Convert.ToHexString(sha), Convert.ToHexString(result.Sha256));
            var records = rig.Transport.Records;
            Assert.Equal(2, records.Count);
            // The transfer stopped within one progress step and one buffer of the trigger, and went on from there.
            Assert.InRange(records[0].Delivered, TriggerAt, TriggerAt + rig.Options.ProgressIntervalBytes + rig.Options.BufferSize);
            Assert.Equal(records[0].Delivered, records[1].RangeFrom);
            Assert.Equal(0, result.Retries);
        }

        [Fact]
        public void SuspendAndResumeOnCommand()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            long checkpointed = -1;
            var (result, reasons) = Run(rig, request, c => c.Suspend(), (c, sleeps) =>
            {
                Assert.Equal(DownloadState.Suspended, c.State);
                checkpointed = DownloadCheckpoint.FromBytes(rig.Store.Record, 0, rig.Store.Record.Length).Offset;
                Assert.Equal(c.BytesDone, checkpointed);
                if (sleeps == 5)
                {
                    c.Resume();
                }
            });

            AssertResumedOnce(rig, result, file.Sha256());
            Assert.Equal(SuspendReasons.Command, Assert.Single(reasons));
            Assert.Equal(5, rig.Time.Sleeps.Count);
            Assert.Contains(rig.Log, l => l.Contains("suspended at byte " + checkpointed + " (command)"));
        }

        [Fact]
        public void LowBatterySuspendsUntilItIsBackAboveTheResumeLevel()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var (result, reasons) = Run(rig, request, _ => rig.Device.BatteryPercent = 10, (c, sleeps) =>
            {
                Assert.Equal(SuspendReasons.BatteryLow, c.SuspendReasons);
                if (sleeps == 3)
                {
                    // Above the minimum (15) but below the resume level (20): hysteresis keeps it suspended.
                    rig.Device.BatteryPercent = 17;
                }
                else if (sleeps == 6)
                {
                    rig.Device.BatteryPercent = 20;
                }
            });

            AssertResumedOnce(rig, result, file.Sha256());
            Assert.Equal(SuspendReasons.BatteryLow, Assert.Single(reasons));
            Assert.Equal(6, rig.Time.Sleeps.Count);
        }

        [Fact]
        public void LowStorageSuspendsUntilTheRestOfTheImageFits()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var (result, reasons) = Run(rig, request, _ => rig.Device.FreeStorageBytes = 1000, (c, sleeps) =>
            {
                long needed = Size - c.BytesDone + rig.Options.MinFreeStorageBytes;
                rig.Device.FreeStorageBytes = sleeps < 4 ? needed - 1 : needed;
            });

            AssertResumedOnce(rig, result, file.Sha256());
            Assert.Equal(SuspendReasons.StorageLow, Assert.Single(reasons));
            Assert.Equal(4, rig.Time.Sleeps.Count);
        }

        [Fact]
        public void LowMemorySuspends()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var (result, reasons) = Run(rig, request, _ => rig.Device.FreeMemoryBytes = rig.Options.MinFreeMemoryBytes - 1, (c, sleeps) =>
            {
                if (sleeps == 2)
                {
                    rig.Device.FreeMemoryBytes = rig.Options.MinFreeMemoryBytes;
                }
            });

            AssertResumedOnce(rig, result, file.Sha256());
            Assert.Equal(SuspendReasons.MemoryLow, Assert.Single(reasons));
        }

        [Fact]
        public void NetworkLossSuspends()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var (result, reasons) = Run(rig, request, _ => rig.Device.IsNetworkUp = false, (c, sleeps) =>
            {
                if (sleeps == 2)
                {
                    rig.Device.IsNetworkUp = true;
                }
            });

            AssertResumedOnce(rig, result, file.Sha256());
            Assert.Equal(SuspendReasons.NetworkDown, Assert.Single(reasons));
        }

        [Fact]
        public void EveryConditionMustClearBeforeItResumes()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var (result, reasons) = Run(rig, request, c =>
            {
                rig.Device.IsNetworkUp = false;
                rig.Device.BatteryPercent = 5;
                c.Suspend();
            }, (c, sleeps) =>
            {
                if (sleeps == 2)
                {
                    rig.Device.IsNetworkUp = true;
                }
                else if (sleeps == 4)
                {
                    c.Resume();
                }
                else if (sleeps == 6)
                {
                    rig.Device.BatteryPercent = 90;
                }
            });

            AssertResumedOnce(rig, result, file.Sha256());
            Assert.Equal(
                new[] { SuspendReasons.Command | SuspendReasons.BatteryLow | SuspendReasons.NetworkDown, SuspendReasons.Command | SuspendReasons.BatteryLow, SuspendReasons.BatteryLow },
                reasons);
        }

        [Fact]
        public void NothingIsRequestedWhileTheDeviceStartsSuspended()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            rig.Device.BatteryPercent = 3;
            var (result, reasons) = Run(rig, request, null, (c, sleeps) =>
            {
                Assert.Empty(rig.Transport.Records);
                if (sleeps == 3)
                {
                    rig.Device.BatteryPercent = 60;
                }
            });

            Assert.True(result.IsSuccess, result.Message);
            Assert.Single(rig.Transport.Records);
            Assert.Equal(SuspendReasons.BatteryLow, Assert.Single(reasons));
        }

        [Fact]
        public void UnknownDeviceValuesNeverSuspend()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            rig.Device.BatteryPercent = -1;
            rig.Device.FreeStorageBytes = -1;
            rig.Device.FreeMemoryBytes = -1;
            var (result, reasons) = Run(rig, request, null, (c, s) => { });
            Assert.True(result.IsSuccess, result.Message);
            Assert.Empty(reasons);
        }

        [Fact]
        public void CancelWhileSuspendedDiscardsTheImage()
        {
            var (_, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var (result, _) = Run(rig, request, c => c.Suspend(), (c, sleeps) =>
            {
                if (sleeps == 2)
                {
                    c.Cancel();
                }
            });

            Assert.Equal(DownloadOutcome.Cancelled, result.Outcome);
            Assert.Equal(DownloadResultCode.UserCancelled, result.ResultCode);
            Assert.Equal(0, rig.Sink.Length);
            Assert.Null(rig.Store.Record);
        }

        [Fact]
        public void CancelDuringTheTransferStopsWithinOneBuffer()
        {
            var (_, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            var (result, _) = Run(rig, request, c => c.Cancel(), (c, s) => { });
            Assert.Equal(DownloadResultCode.UserCancelled, result.ResultCode);
            Assert.InRange(rig.Transport.Records[0].Delivered, TriggerAt, TriggerAt + rig.Options.ProgressIntervalBytes + rig.Options.BufferSize);
            Assert.Equal(0, rig.Sink.Length);
        }

        [Fact]
        public void LinkLossWithTheNetworkDownWaitsInsteadOfSpendingRetries()
        {
            var (file, request) = server.NewFile(Size);
            var rig = new DownloadRig();
            rig.Options.MaxRetries = 0;
            rig.Transport.CutNextResponsesAfter(250_000);
            rig.Transport.OnCut = () => rig.Device.IsNetworkUp = false;
            var (result, reasons) = Run(rig, request, null, (c, sleeps) =>
            {
                if (sleeps == 4)
                {
                    rig.Device.IsNetworkUp = true;
                }
            });

            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(0, result.Retries);
            Assert.Equal(SuspendReasons.NetworkDown, Assert.Single(reasons));
            Assert.Equal(250_000, rig.Transport.Records[1].RangeFrom);
        }

        [Fact]
        public void SuspendIsHonouredDuringABackoff()
        {
            var (file, request) = server.NewFile(Size);
            server.Host.Enqueue(file.Name, FaultServer.Fault.Answer(503, retryAfterSeconds: 30));
            var rig = new DownloadRig();
            rig.Options.BackoffMaxMs = 60_000;
            DownloadClient client = rig.Client(request);
            int sleeps = 0;
            rig.Time.OnSleep = _ =>
            {
                sleeps++;
                if (sleeps == 2)
                {
                    client.Suspend();
                }
                else if (sleeps == 4)
                {
                    Assert.Equal(DownloadState.Suspended, client.State);
                    client.Resume();
                }
            };
            DownloadResult result = client.Run();

            Assert.True(result.IsSuccess, result.Message);
            // The 30 s Retry-After wait was cut short by the suspension; the resume retried at once.
            Assert.Equal(4, rig.Time.Sleeps.Count);
        }
    }
}
