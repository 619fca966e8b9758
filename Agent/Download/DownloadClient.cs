using System;
using NanoOmaDm.Agent.Security;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Resumable alternate download of one package into an <see cref="IImageSink"/>. <see cref="Run"/> blocks
    /// until the image is complete and verified, or the download failed or was cancelled; the other members are
    /// thread-safe, so a console, the DM session or SCOMO can suspend, resume, cancel and watch it meanwhile.
    ///
    /// Interruptions resume with <c>Range: bytes=N-</c> and <c>If-Range</c>; only a 206 whose Content-Range starts at N
    /// (and agrees with the known length and validator) continues the stored part, anything else restarts from zero.
    /// A reboot resumes from the checkpoint plus the bytes stored after it. The image is reported complete only
    /// when its size and SHA-256 match the request.</summary>
    public sealed class DownloadClient
    {
        private const string LogSource = "download";
        private const int MaxUrlLength = 2048;

        private readonly object _gate = new object();
        private readonly DownloadPlatform _platform;
        private readonly DownloadRequest _request;
        private readonly DownloadOptions _options;
        private readonly ResumableImage _image;
        private readonly DeviceConditions _conditions;
        private readonly DownloadAttempt _attempt;
        private readonly byte[] _buffer;

        // Shared with other threads; guarded by _gate.
        private DownloadProgressHandler _progressListeners;
        private DownloadStateHandler _stateListeners;
        private bool _suspendCommanded;
        private bool _cancelRequested;
        private bool _stopRequested;
        private bool _running;
        private DownloadState _state;
        private SuspendReasons _reasons;
        private long _bytesDone;
        private long _totalBytes = -1;
        private DownloadResult _result;

        // Owned by the thread in Run.
        private long _lastProgress = -1;
        private long _nextDeviceCheck;
        private int _retries;

        /// <param name="platform">Transport, Clock and Sleeper are required; DeviceState and Log may be null.</param>
        /// <param name="sink">Where this download's image goes (one sink per download).</param>
        /// <param name="checkpoints">Where this download's checkpoint goes (one slot per download).</param>
        /// <param name="options">Null for the defaults.</param>
        public DownloadClient(DownloadPlatform platform, DownloadRequest request, IImageSink sink,
            IDownloadCheckpointStore checkpoints, DownloadOptions options)
        {
            if (platform == null || platform.Transport == null || platform.Clock == null || platform.Sleeper == null)
            {
                throw new ArgumentNullException("platform");
            }
            if (request == null)
            {
                throw new ArgumentNullException("request");
            }
            if (sink == null)
            {
                throw new ArgumentNullException("sink");
            }
            if (checkpoints == null)
            {
                throw new ArgumentNullException("checkpoints");
            }

            _platform = platform;
            _request = request;
            _options = options ?? new DownloadOptions();
            _buffer = new byte[_options.BufferSize < 256 ? 256 : _options.BufferSize];
            _image = new ResumableImage(sink, checkpoints, request);
            _conditions = new DeviceConditions(platform.DeviceState, _options);
            _attempt = new DownloadAttempt(this, platform, request, _options, _image, _buffer);
        }

        public DownloadRequest Request
        {
            get { return _request; }
        }

        public DownloadState State
        {
            get
            {
                lock (_gate)
                {
                    return _state;
                }
            }
        }

        /// <summary>Why the download is suspended now (None while it is not).</summary>
        public SuspendReasons SuspendReasons
        {
            get
            {
                lock (_gate)
                {
                    return _reasons;
                }
            }
        }

        /// <summary>Bytes of the image stored so far (drops to 0 when a restart discards the stored part).</summary>
        public long BytesDone
        {
            get
            {
                lock (_gate)
                {
                    return _bytesDone;
                }
            }
        }

        /// <summary>Image size, -1 while neither the request nor the server has said.</summary>
        public long TotalBytes
        {
            get
            {
                lock (_gate)
                {
                    return _totalBytes;
                }
            }
        }

        /// <summary>Null until the download has ended.</summary>
        public DownloadResult Result
        {
            get
            {
                lock (_gate)
                {
                    return _result;
                }
            }
        }

        public void AddProgressListener(DownloadProgressHandler listener)
        {
            lock (_gate)
            {
                _progressListeners = (DownloadProgressHandler)Delegate.Combine(_progressListeners, listener);
            }
        }

        public void RemoveProgressListener(DownloadProgressHandler listener)
        {
            lock (_gate)
            {
                _progressListeners = (DownloadProgressHandler)Delegate.Remove(_progressListeners, listener);
            }
        }

        public void AddStateListener(DownloadStateHandler listener)
        {
            lock (_gate)
            {
                _stateListeners = (DownloadStateHandler)Delegate.Combine(_stateListeners, listener);
            }
        }

        public void RemoveStateListener(DownloadStateHandler listener)
        {
            lock (_gate)
            {
                _stateListeners = (DownloadStateHandler)Delegate.Remove(_stateListeners, listener);
            }
        }

        /// <summary>Suspends until <see cref="Resume"/>: the transfer stops after the current buffer, the stored part is
        /// checkpointed and the connection closed. Device conditions may keep it suspended after Resume.</summary>
        public void Suspend()
        {
            lock (_gate)
            {
                _suspendCommanded = true;
            }
        }

        public void Resume()
        {
            lock (_gate)
            {
                _suspendCommanded = false;
            }
        }

        /// <summary>Ends the download with 1401 and discards the stored part; noticed within one buffer or poll interval.</summary>
        public void Cancel()
        {
            lock (_gate)
            {
                _cancelRequested = true;
            }
        }

        /// <summary>Ends <see cref="Run"/> as soon as possible but keeps the stored part and its checkpoint, so that a
        /// new client for the same request continues it (an orderly shutdown; a power cut does the same implicitly).</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopRequested = true;
            }
        }

        /// <summary>Downloads until the end (see the class summary). Returns the same result when called again, without
        /// touching the network: the final status is reported exactly once. Never throws for anything the server,
        /// the network, the sink or the store does.</summary>
        public DownloadResult Run()
        {
            lock (_gate)
            {
                if (_result != null)
                {
                    return _result;
                }
                if (_running)
                {
                    throw new InvalidOperationException("the download is already running");
                }
                _running = true;
            }

            try
            {
                return Execute();
            }
            catch (Exception e)
            {
                // A safety net for faults of the board's own services; the paths above catch what they expect.
                return Finish(DownloadOutcome.StorageFailure, "download aborted: " + e.Message);
            }
            finally
            {
                lock (_gate)
                {
                    _running = false;
                }
            }
        }

        /// <summary>Removes the stored image and the checkpoint (after the package was installed, or to give it up).
        /// False while running or when storage fails.</summary>
        public bool Discard()
        {
            lock (_gate)
            {
                if (_running)
                {
                    return false;
                }
            }
            try
            {
                _image.Discard();
                return true;
            }
            catch (Exception e)
            {
                Log(LogLevel.Warning, "cannot discard the stored image: " + e.Message);
                return false;
            }
        }

        private DownloadResult Execute()
        {
            string invalid = Validate(_request);
            if (invalid != null)
            {
                return Finish(DownloadOutcome.InvalidRequest, invalid);
            }

            try
            {
                string note = _image.Restore(_buffer);
                if (note != null)
                {
                    Log(LogLevel.Info, note);
                }
            }
            catch (Exception e)
            {
                return Finish(DownloadOutcome.StorageFailure, "cannot read the stored image: " + e.Message);
            }
            ReportProgress(true);
            if (_image.Complete)
            {
                return Finish(DownloadOutcome.Completed, "complete (verified before a restart)");
            }

            int failures = 0;
            bool restarted = false;
            long furthest = _image.Offset;
            while (true)
            {
                if (!WaitWhileSuspended())
                {
                    return Cancelled();
                }
                long target = _image.Target;
                if (target >= 0 && _image.Offset >= target)
                {
                    return Verify();
                }

                SetState(DownloadState.Downloading, SuspendReasons.None);
                int step = _attempt.Run();
                if (step == DownloadAttempt.Done)
                {
                    return Verify();
                }
                if (step == DownloadAttempt.Cancelled)
                {
                    return Cancelled();
                }
                if (step == DownloadAttempt.Fatal)
                {
                    return Fail(_attempt.Outcome, _attempt.Message);
                }
                string storageError = TryCheckpoint();
                if (storageError != null)
                {
                    return Finish(DownloadOutcome.StorageFailure, storageError);
                }
                if (step == DownloadAttempt.Suspended || step == DownloadAttempt.Continue)
                {
                    continue;
                }

                // Transient or Restart: the retry budget only shrinks while no new byte arrives.
                if (_image.Offset > furthest)
                {
                    furthest = _image.Offset;
                    failures = 0;
                    restarted = false;
                }
                restarted |= step == DownloadAttempt.Restart;
                if (DeviceReasons() != SuspendReasons.None)
                {
                    // The device, not the server, is the problem (typically the network went down): wait, don't count.
                    continue;
                }
                failures++;
                if (failures > _options.MaxRetries)
                {
                    if (restarted)
                    {
                        return Fail(DownloadOutcome.Unstable, _attempt.Message + "; the server's answers kept forcing restarts without getting further");
                    }
                    return Fail(_attempt.Outcome, _attempt.Message + "; gave up after " + failures + " attempts without progress");
                }
                if (step == DownloadAttempt.Restart)
                {
                    continue;
                }

                _retries++;
                int delay = Backoff(failures);
                if (_attempt.RetryAfterMs > delay)
                {
                    delay = _attempt.RetryAfterMs;
                }
                Log(LogLevel.Warning, _attempt.Message + "; retry " + failures + "/" + _options.MaxRetries + " in " + delay + " ms");
                if (!WaitBeforeRetry(delay))
                {
                    return Cancelled();
                }
            }
        }

        /// <summary>Between two buffers: Continue, or Suspended / Cancelled when a command or a device condition
        /// says to stop.</summary>
        internal int CheckDuringTransfer()
        {
            lock (_gate)
            {
                if (_cancelRequested || _stopRequested)
                {
                    return DownloadAttempt.Cancelled;
                }
                if (_suspendCommanded)
                {
                    return DownloadAttempt.Suspended;
                }
            }
            long now = _platform.Clock.UptimeMs;
            if (now < _nextDeviceCheck)
            {
                return DownloadAttempt.Continue;
            }
            _nextDeviceCheck = now + _options.DeviceCheckIntervalMs;
            return DeviceReasons() == SuspendReasons.None ? DownloadAttempt.Continue : DownloadAttempt.Suspended;
        }

        /// <summary>Blocks while a command or a device condition holds. False when cancelled.</summary>
        private bool WaitWhileSuspended()
        {
            bool suspended = false;
            while (true)
            {
                SuspendReasons reasons = DeviceReasons();
                lock (_gate)
                {
                    if (_cancelRequested || _stopRequested)
                    {
                        return false;
                    }
                    if (_suspendCommanded)
                    {
                        reasons |= SuspendReasons.Command;
                    }
                }
                if (reasons == SuspendReasons.None)
                {
                    if (suspended)
                    {
                        Log(LogLevel.Info, "resumed at byte " + _image.Offset);
                    }
                    return true;
                }
                if (!suspended || reasons != SuspendReasons)
                {
                    Log(LogLevel.Info, "suspended at byte " + _image.Offset + " (" + Describe(reasons) + ")");
                }
                suspended = true;
                SetState(DownloadState.Suspended, reasons);
                _platform.Sleeper.Sleep(PollMs());
            }
        }

        /// <summary>Backoff wait in poll slices. Returns early (true) for a suspension, which the main loop then waits
        /// out; false when cancelled.</summary>
        private bool WaitBeforeRetry(int delayMs)
        {
            SetState(DownloadState.WaitingToRetry, SuspendReasons.None);
            long until = _platform.Clock.UptimeMs + delayMs;
            while (true)
            {
                lock (_gate)
                {
                    if (_cancelRequested || _stopRequested)
                    {
                        return false;
                    }
                    if (_suspendCommanded)
                    {
                        return true;
                    }
                }
                long left = until - _platform.Clock.UptimeMs;
                if (left <= 0 || DeviceReasons() != SuspendReasons.None)
                {
                    return true;
                }
                int poll = PollMs();
                _platform.Sleeper.Sleep(left < poll ? (int)left : poll);
            }
        }

        private SuspendReasons DeviceReasons()
        {
            long target = _image.Target;
            try
            {
                return _conditions.Evaluate(target > _image.Offset ? target - _image.Offset : 0);
            }
            catch (Exception e)
            {
                // A failing gauge must not stall the download forever.
                Log(LogLevel.Warning, "device state unreadable: " + e.Message);
                return SuspendReasons.None;
            }
        }

        private int PollMs()
        {
            return _options.PollIntervalMs > 0 ? _options.PollIntervalMs : 1;
        }

        private int Backoff(int failures)
        {
            int shift = failures - 1;
            if (shift > 20)
            {
                shift = 20;
            }
            long delay = (long)_options.BackoffInitialMs << shift;
            return delay > _options.BackoffMaxMs ? _options.BackoffMaxMs : (int)delay;
        }

        private DownloadResult Verify()
        {
            long size = _image.Offset;
            if (_request.ExpectedSize >= 0 && size != _request.ExpectedSize)
            {
                return Fail(DownloadOutcome.SizeMismatch, "the image has " + size + " bytes, the package " + _request.ExpectedSize);
            }
            byte[] digest = _image.FinishHash();
            if (_request.ExpectedSha256 != null && !ConstantTime.AreEqual(digest, _request.ExpectedSha256))
            {
                return Fail(DownloadOutcome.IntegrityFailure, "SHA-256 of the " + size + " downloaded bytes does not match the package: image discarded");
            }
            try
            {
                _image.MarkComplete(digest);
            }
            catch (Exception e)
            {
                return Finish(DownloadOutcome.StorageFailure, "cannot commit the verified image: " + e.Message);
            }
            return Finish(DownloadOutcome.Completed, "complete: " + size + " bytes verified");
        }

        private DownloadResult Cancelled()
        {
            bool stopped;
            lock (_gate)
            {
                stopped = _stopRequested && !_cancelRequested;
            }
            return stopped ? Finish(DownloadOutcome.Stopped, "stopped at byte " + _image.Offset + ", to be continued")
                : Fail(DownloadOutcome.Cancelled, "cancelled at byte " + _image.Offset);
        }

        /// <summary>Ends the download; a stored part that can never become this package is discarded, one that a later
        /// identical request could still continue (server or storage trouble) keeps its checkpoint.</summary>
        private DownloadResult Fail(DownloadOutcome outcome, string message)
        {
            if (outcome == DownloadOutcome.Cancelled || outcome == DownloadOutcome.IntegrityFailure
                || outcome == DownloadOutcome.SizeMismatch || outcome == DownloadOutcome.ClientError
                || outcome == DownloadOutcome.RangeNotSatisfiable || outcome == DownloadOutcome.Unstable)
            {
                try
                {
                    _image.Discard();
                }
                catch (Exception e)
                {
                    message = message + " (discarding the stored part failed: " + e.Message + ")";
                }
            }
            else
            {
                TryCheckpoint();
            }
            return Finish(outcome, message);
        }

        private DownloadResult Finish(DownloadOutcome outcome, string message)
        {
            DownloadResult result = new DownloadResult();
            result.Outcome = outcome;
            result.ResultCode = ResultCodeOf(outcome);
            result.Message = message;
            result.HttpStatus = _attempt.LastStatus;
            result.BytesDone = _image.Offset;
            result.TotalBytes = outcome == DownloadOutcome.Completed ? _image.Offset : _image.Target;
            result.Sha256 = outcome == DownloadOutcome.Completed ? _image.Digest : null;
            result.Requests = _attempt.Requests;
            result.Restarts = _attempt.Restarts;
            result.Retries = _retries;

            ReportProgress(true);
            lock (_gate)
            {
                _result = result;
            }
            Log(outcome == DownloadOutcome.Completed ? LogLevel.Info : LogLevel.Error, result.ResultCode + " " + message);
            SetState(outcome == DownloadOutcome.Completed ? DownloadState.Completed
                : outcome == DownloadOutcome.Cancelled ? DownloadState.Cancelled : DownloadState.Failed, SuspendReasons.None);
            return result;
        }

        private static int ResultCodeOf(DownloadOutcome outcome)
        {
            switch (outcome)
            {
                case DownloadOutcome.Completed:
                    return DownloadResultCode.Success;
                case DownloadOutcome.Cancelled:
                    return DownloadResultCode.UserCancelled;
                case DownloadOutcome.AuthenticationFailed:
                    return DownloadResultCode.AuthenticationFailure;
                case DownloadOutcome.StorageFailure:
                    return DownloadResultCode.OutOfMemory;
                case DownloadOutcome.IntegrityFailure:
                    return DownloadResultCode.ValidationFailed;
                case DownloadOutcome.ServerError:
                case DownloadOutcome.TooManyRedirects:
                case DownloadOutcome.BadRedirect:
                    return DownloadResultCode.ServerError;
                case DownloadOutcome.ServerUnavailable:
                    return DownloadResultCode.ServerUnavailable;
                default:
                    return DownloadResultCode.DownloadFailed;
            }
        }

        /// <summary>Null, or why the checkpoint could not be committed.</summary>
        private string TryCheckpoint()
        {
            try
            {
                _image.Checkpoint();
                return null;
            }
            catch (Exception e)
            {
                return "cannot checkpoint the image: " + e.Message;
            }
        }

        private static string Validate(DownloadRequest request)
        {
            if (!RedirectTarget.IsHttpUrl(request.Url) || request.Url.Length > MaxUrlLength)
            {
                return "the package URL is not an http(s) URL of at most " + MaxUrlLength + " characters";
            }
            if (request.ExpectedSize < -1)
            {
                return "negative expected size";
            }
            if (request.ExpectedSha256 != null && request.ExpectedSha256.Length != Sha256.HashLength)
            {
                return "the expected SHA-256 is not 32 bytes";
            }
            return null;
        }

        private static string Describe(SuspendReasons reasons)
        {
            string text = "";
            if ((reasons & SuspendReasons.Command) != 0)
            {
                text += " command";
            }
            if ((reasons & SuspendReasons.BatteryLow) != 0)
            {
                text += " battery-low";
            }
            if ((reasons & SuspendReasons.StorageLow) != 0)
            {
                text += " storage-low";
            }
            if ((reasons & SuspendReasons.MemoryLow) != 0)
            {
                text += " memory-low";
            }
            if ((reasons & SuspendReasons.NetworkDown) != 0)
            {
                text += " network-down";
            }
            return text.Trim();
        }

        private void SetState(DownloadState state, SuspendReasons reasons)
        {
            DownloadStateHandler listeners;
            lock (_gate)
            {
                if (_state == state && _reasons == reasons)
                {
                    return;
                }
                _state = state;
                _reasons = reasons;
                listeners = _stateListeners;
            }
            if (listeners != null)
            {
                try
                {
                    listeners(this);
                }
                catch (Exception e)
                {
                    Log(LogLevel.Warning, "a state listener failed: " + e.Message);
                }
            }
        }

        /// <param name="force">Report even a small step (restarts, the start and the end).</param>
        internal void ReportProgress(bool force)
        {
            long done = _image.Offset;
            long total = _image.Target;
            DownloadProgressHandler listeners;
            lock (_gate)
            {
                _bytesDone = done;
                _totalBytes = total;
                listeners = _progressListeners;
            }
            if (done == _lastProgress || (!force && done - _lastProgress < _options.ProgressIntervalBytes && done != total))
            {
                return;
            }
            _lastProgress = done;
            if (listeners != null)
            {
                try
                {
                    listeners(this, done, total);
                }
                catch (Exception e)
                {
                    Log(LogLevel.Warning, "a progress listener failed: " + e.Message);
                }
            }
        }

        internal void Log(LogLevel level, string message)
        {
            ILogSink log = _platform.Log;
            if (log != null)
            {
                log.Write(level, LogSource, message);
            }
        }
    }
}
