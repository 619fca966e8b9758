using System;
using System.Collections;
using System.Threading;
using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Session;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Runs SCOMO operations in the background, one at a time, in the order they were accepted. An Exec is
    /// checked against the entry's state and refused at once if it cannot run (405) or another operation holds the
    /// entry (409); otherwise it becomes a job record, is answered 202 and runs on the worker thread, which moves the
    /// Status nodes along and finally queues the OperationComplete alert. Jobs survive reboots: <see cref="Start"/>
    /// restarts the active components and resumes every job not yet reported, each of which completes exactly once.</summary>
    public sealed partial class ScomoExecutor : IDisposable
    {
        private readonly DmAgent _agent;
        private readonly ScomoPlatform _platform;
        private readonly AlertCourier _courier;
        private readonly ComponentRuntime _runtime;
        private readonly ArrayList _queue = new ArrayList();
        // Busy key -> job: a package (Download/x and Delivered/x share x) or a component that has a job.
        private readonly Hashtable _busy = new Hashtable();
        private readonly object _sync = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private Thread _worker;
        private bool _stopping;
        private int _lastSequence;
        private ScomoJob _current;
        private DownloadClient _download;

        /// <param name="courier">Delivers the outcome alerts when no session carries them; null leaves them for the next
        /// session.</param>
        public ScomoExecutor(DmAgent agent, ScomoPlatform platform, AlertCourier courier)
        {
            _agent = agent;
            _platform = platform;
            _courier = courier;
            _runtime = new ComponentRuntime(platform);
        }

        /// <summary>Set by <see cref="ScomoMo"/>: the handler of every operation node, attached to entries the executor
        /// creates (Delivered after a download, Deployed after an install).</summary>
        internal ExecHandler OperationHandler;

        /// <summary>Told about the progress of every package download (a console, the demo, a board's LED).</summary>
        public DownloadProgressHandler DownloadProgress;

        /// <summary>The job running now, or null.</summary>
        public ScomoJob Current
        {
            get
            {
                lock (_sync)
                {
                    return _current;
                }
            }
        }

        /// <summary>The alternate download in progress (for suspend, resume and progress), or null.</summary>
        public DownloadClient ActiveDownload
        {
            get
            {
                lock (_sync)
                {
                    return _download;
                }
            }
        }

        public int QueuedJobs
        {
            get
            {
                lock (_sync)
                {
                    return _queue.Count;
                }
            }
        }

        /// <summary>Call once after the agent (with its ScomoMo) is set up: starts the components that were active,
        /// resumes interrupted jobs and starts the worker.</summary>
        public void Start()
        {
            SweepImages();
            StartActiveComponents();
            ScomoJob[] pending = LoadJobs();
            lock (_sync)
            {
                for (int i = 0; i < pending.Length; i++)
                {
                    ScomoJob job = pending[i];
                    _lastSequence = job.Sequence > _lastSequence ? job.Sequence : _lastSequence;
                    _busy[BusyKey(job.Operation, job.Entry)] = job;
                    _queue.Add(job);
                }
            }
            if (pending.Length > 0)
            {
                Log(LogLevel.Info, "resuming " + pending.Length + " operation(s) interrupted by a restart");
            }
            _worker = new Thread(Work);
            _worker.Start();
        }

        /// <summary>Waits until no job is queued or running; false on timeout.</summary>
        public bool WaitIdle(int timeoutMs)
        {
            int waited = 0;
            while (true)
            {
                lock (_sync)
                {
                    if (_queue.Count == 0 && _current == null)
                    {
                        return true;
                    }
                }
                if (waited >= timeoutMs)
                {
                    return false;
                }
                Thread.Sleep(20);
                waited += 20;
            }
        }

        /// <summary>Stops the worker after the step it is in; unreported jobs stay recorded and resume at the next
        /// <see cref="Start"/>. Running components keep running (a board stops them by rebooting).</summary>
        public void Dispose()
        {
            _stopping = true;
            DownloadClient download = ActiveDownload;
            if (download != null)
            {
                download.Suspend();
            }
            _wake.Set();
            if (_worker != null)
            {
                _worker.Join(10000);
            }
        }

        /// <summary>An operation asked for on the device itself (the technician's console): checked and queued like a
        /// server's Exec, but its outcome goes to the log only, as no server asked for it. 202 when queued, else the
        /// status a server would have got (404 no such entry, 405 not in this state, 409 busy).</summary>
        public int Submit(ScomoOperation op, string entry)
        {
            return _agent.ChangeTree(delegate(DmTree tree)
            {
                if (tree.Find(ScomoTree.Entry(ScomoOperations.CollectionOf(op), entry)) == null)
                {
                    return StatusCode.NotFound;
                }
                ExecRequest request = new ExecRequest();
                request.Uri = ScomoTree.Operation(ScomoOperations.CollectionOf(op), entry, ScomoOperations.NameOf(op));
                return Accept(op, entry, request);
            });
        }

        /// <summary>Runs on the session thread inside the Exec command (the tree is locked and journaled): what it
        /// changes is committed with the command.</summary>
        internal int Accept(ScomoOperation op, string entry, ExecRequest request)
        {
            DmTree tree = _agent.Tree;
            lock (_sync)
            {
                if (_stopping)
                {
                    return StatusCode.CommandFailed;
                }
                if (_busy.Contains(BusyKey(op, entry)))
                {
                    Log(LogLevel.Warning, ScomoOperations.NameOf(op) + " on " + entry + " refused: another operation on it is in progress");
                    return StatusCode.Conflict;
                }
                string refusal = Refusal(tree, op, entry);
                if (refusal != null)
                {
                    Log(LogLevel.Warning, ScomoOperations.NameOf(op) + " on " + entry + " refused: " + refusal);
                    return StatusCode.CommandNotAllowed;
                }
                ScomoJob job = new ScomoJob();
                job.Sequence = ++_lastSequence;
                job.Operation = op;
                job.Entry = entry;
                job.ServerId = request.ServerId;
                job.Correlator = request.Correlator;
                if (!_platform.Records.PutRecord(job.Key, job.ToBytes()))
                {
                    return StatusCode.DeviceFull;
                }
                ShowAccepted(tree, op, entry);
                _busy[BusyKey(op, entry)] = job;
                _queue.Add(job);
                _wake.Set();
                Log(LogLevel.Info, "accepted " + ScomoOperations.NameOf(op) + " on " + ScomoTree.Entry(ScomoOperations.CollectionOf(op), entry)
                    + (job.Correlator == null ? "" : " (correlator " + job.Correlator + ")"));
                return StatusCode.Accepted;
            }
        }

        /// <summary>Why <paramref name="op"/> cannot run on the entry in its current state, or null.</summary>
        private string Refusal(DmTree tree, ScomoOperation op, string entry)
        {
            switch (op)
            {
                case ScomoOperation.Download:
                case ScomoOperation.DownloadInstall:
                case ScomoOperation.DownloadInstallInactive:
                    string url = ScomoEntries.GetString(tree, ScomoTree.Download, entry, ScomoTree.PkgUrl);
                    if (url == null || url.Length == 0)
                    {
                        return "its PkgURL is not set";
                    }
                    return IsInstalled(tree, entry) ? "the package is already installed (remove it first)" : null;
                case ScomoOperation.Install:
                case ScomoOperation.InstallInactive:
                    if (IsInstalled(tree, entry))
                    {
                        return "the package is already installed";
                    }
                    DmNode data = tree.Find(ScomoTree.Leaf(ScomoTree.Delivered, entry, ScomoTree.Data));
                    bool hasData = data != null && data.Value != null && data.Value.Length > 0;
                    return hasData || _platform.Storage.Exists(ScomoFiles.Package(entry)) ? null : "the package has no Data";
                case ScomoOperation.Activate:
                    return ComponentState(tree, entry) == ScomoTree.StateActive ? "the component is already active" : null;
                case ScomoOperation.Deactivate:
                    return ComponentState(tree, entry) == ScomoTree.StateInactive ? "the component is not active" : null;
                default:
                    return null;
            }
        }

        /// <summary>The Status the server sees as soon as the Exec is answered.</summary>
        private static void ShowAccepted(DmTree tree, ScomoOperation op, string entry)
        {
            switch (op)
            {
                case ScomoOperation.Download:
                case ScomoOperation.DownloadInstall:
                case ScomoOperation.DownloadInstallInactive:
                    ScomoEntries.SetStatus(tree, ScomoTree.Download, entry, ScomoStatus.DownloadProgressing);
                    break;
                case ScomoOperation.Install:
                case ScomoOperation.InstallInactive:
                    ScomoEntries.SetStatus(tree, ScomoTree.Delivered, entry, ScomoStatus.InstallProgressing);
                    break;
                case ScomoOperation.RemoveDelivered:
                    ScomoEntries.SetStatus(tree, ScomoTree.Delivered, entry, ScomoStatus.DeliveredRemoveProgressing);
                    break;
                case ScomoOperation.Activate:
                    ScomoEntries.SetStatus(tree, ScomoTree.Deployed, entry, ScomoStatus.ActivateProgressing);
                    break;
                case ScomoOperation.Deactivate:
                    ScomoEntries.SetStatus(tree, ScomoTree.Deployed, entry, ScomoStatus.DeactivateProgressing);
                    break;
                default:
                    ScomoEntries.SetStatus(tree, ScomoTree.Deployed, entry, ScomoStatus.DeployedRemoveProgressing);
                    break;
            }
        }

        private static string BusyKey(ScomoOperation op, string entry)
        {
            return (ScomoOperations.CollectionOf(op) == ScomoTree.Deployed ? "c:" : "p:") + entry;
        }

        private static bool IsInstalled(DmTree tree, string package)
        {
            return ScomoEntries.GetInt(tree, ScomoTree.Delivered, package, ScomoTree.State, 0) == ScomoTree.StateInstalled;
        }

        private static int ComponentState(DmTree tree, string component)
        {
            return ScomoEntries.GetInt(tree, ScomoTree.Deployed, component, ScomoTree.State, ScomoTree.StateInactive);
        }

        private void Work()
        {
            while (!_stopping)
            {
                ScomoJob job;
                lock (_sync)
                {
                    job = _queue.Count > 0 ? (ScomoJob)_queue[0] : null;
                    _current = job;
                }
                if (job == null)
                {
                    _wake.WaitOne();
                    continue;
                }
                try
                {
                    if (!job.IsFinished)
                    {
                        Run(job);
                    }
                }
                catch (Exception e)
                {
                    // A bug or a failing board service must cost this job, not the worker.
                    Log(LogLevel.Error, ScomoOperations.NameOf(job.Operation) + " on " + job.Entry + " failed: " + e.Message);
                    job.ResultCode = ScomoResultCode.UndefinedError;
                }
                if (_stopping && !job.IsFinished)
                {
                    break;
                }
                Report(job);
            }
            lock (_sync)
            {
                _current = null;
            }
        }

        private void Run(ScomoJob job)
        {
            switch (job.Operation)
            {
                case ScomoOperation.Download:
                case ScomoOperation.DownloadInstall:
                case ScomoOperation.DownloadInstallInactive:
                    RunDownload(job);
                    break;
                case ScomoOperation.Install:
                case ScomoOperation.InstallInactive:
                    RunInstall(job, ScomoTree.Delivered);
                    break;
                case ScomoOperation.RemoveDelivered:
                    RunRemoveDelivered(job);
                    break;
                case ScomoOperation.Activate:
                    RunActivate(job);
                    break;
                case ScomoOperation.Deactivate:
                    RunDeactivate(job);
                    break;
                default:
                    RunRemoveDeployed(job);
                    break;
            }
        }

        /// <summary>Records the outcome, queues the alert (unless a reboot already did), closes the job: each a commit,
        /// in this order, so that a reboot in between neither loses nor repeats the report.</summary>
        private void Report(ScomoJob job)
        {
            if (job.ResultCode == 0)
            {
                job.ResultCode = ScomoResultCode.UndefinedError;
            }
            _platform.Records.PutRecord(job.Key, job.ToBytes());
            if (job.ServerId != null && !ScomoAlert.IsAmong(job, _agent.Alerts.PendingFor(job.ServerId)))
            {
                _agent.Alerts.Enqueue(ScomoAlert.For(job));
            }
            _platform.Records.DeleteRecord(job.Key);
            lock (_sync)
            {
                _queue.Remove(job);
                _busy.Remove(BusyKey(job.Operation, job.Entry));
                _current = null;
            }
            Log(ScomoResultCode.IsSuccess(job.ResultCode) ? LogLevel.Info : LogLevel.Warning,
                ScomoOperations.NameOf(job.Operation) + " on " + job.Entry + " finished: " + job.ResultCode
                + (job.Identifier == null ? "" : " (" + job.Identifier + ")"));
            if (_courier != null && job.ServerId != null)
            {
                _courier.Request(job.ServerId);
            }
        }

        private ScomoJob[] LoadJobs()
        {
            string[] keys = _platform.Records.RecordKeys();
            ArrayList jobs = new ArrayList();
            for (int i = 0; i < keys.Length; i++)
            {
                if (!keys[i].StartsWith(ScomoJob.KeyPrefix))
                {
                    continue;
                }
                ScomoJob job = ScomoJob.FromBytes(_platform.Records.GetRecord(keys[i]));
                if (job == null || job.Key != keys[i])
                {
                    Log(LogLevel.Warning, "dropping unreadable job record " + keys[i]);
                    _platform.Records.DeleteRecord(keys[i]);
                    continue;
                }
                int at = 0;
                while (at < jobs.Count && ((ScomoJob)jobs[at]).Sequence < job.Sequence)
                {
                    at++;
                }
                jobs.Insert(at, job);
            }
            ScomoJob[] result = new ScomoJob[jobs.Count];
            jobs.CopyTo(result);
            return result;
        }

        /// <summary>Applies a tree change as the device; false (logged) when storage refused it.</summary>
        private bool Edit(TreeEdit edit)
        {
            int status = _agent.ChangeTree(edit);
            if (!StatusCode.IsSuccess(status))
            {
                Log(LogLevel.Error, "cannot update ./SCOMO: status " + status);
                return false;
            }
            return true;
        }

        private void Log(LogLevel level, string message)
        {
            if (_platform.Log != null)
            {
                _platform.Log.Write(level, "scomo", message);
            }
        }
    }
}
