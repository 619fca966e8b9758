using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Scomo;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary><c>download [status] | suspend | resume | cancel</c>: the package download SCOMO is running, and the
    /// technician's hold on it (a suspension by command lasts until resumed; low battery, storage or network hold it on
    /// their own); cancel ends it, and the server is told the user cancelled (1401). All but status need login.</summary>
    public sealed class DownloadCommand : IConsoleCommand
    {
        private readonly ScomoExecutor _executor;

        public DownloadCommand(ScomoExecutor executor)
        {
            _executor = executor;
        }

        public string Name
        {
            get { return "download"; }
        }

        public string Usage
        {
            get { return "download [status] | download suspend | download resume | download cancel"; }
        }

        public string Help
        {
            get { return "status: the software operation running and its package download (URL, bytes, state, what holds it); suspend/resume: hold the download and let it go on; cancel: give it up (the server gets 1401). All but status need login."; }
        }

        public bool IsMutating(CommandArgs args)
        {
            string sub = args.Keyword(1);
            return sub == "suspend" || sub == "resume" || sub == "cancel";
        }

        public void Execute(CommandArgs args, ConsoleIo io)
        {
            string sub = args.Count > 1 ? args.Keyword(1) : "status";
            if (args.Count > 2 || (sub != "status" && sub != "suspend" && sub != "resume" && sub != "cancel"))
            {
                io.Usage(this);
                return;
            }
            DownloadClient download = _executor.ActiveDownload;
            if (sub == "status")
            {
                Status(io, download);
                return;
            }
            if (download == null)
            {
                io.Line("no download in progress");
                return;
            }
            if (sub == "cancel")
            {
                download.Cancel();
                io.Line("cancelling the download of " + download.Request.Url + "; the server is told the user cancelled (1401)");
                return;
            }
            if (sub == "suspend")
            {
                download.Suspend();
                io.Line("suspending the download of " + download.Request.Url + " at " + download.BytesDone.ToString()
                    + " bytes; 'download resume' continues it");
                return;
            }
            download.Resume();
            // The client drops the command reason at its next poll; what else holds it stays until it clears.
            SuspendReasons others = download.SuspendReasons & ~SuspendReasons.Command;
            io.Line(others == SuspendReasons.None ? "resuming the download of " + download.Request.Url
                : "resume requested; the download still waits for: " + ScomoText.Reasons(others));
        }

        private void Status(ConsoleIo io, DownloadClient download)
        {
            ScomoJob job = _executor.Current;
            io.Line("operation: " + ScomoText.Work(_executor));
            if (download == null)
            {
                io.Line("no download in progress");
                return;
            }
            string entry = job != null && ScomoOperations.CollectionOf(job.Operation) == ScomoTree.Download
                ? ScomoTree.Entry(ScomoTree.Download, job.Entry) : "?";
            io.Line("entry:     " + entry);
            io.Line("url:       " + download.Request.Url);
            io.Line("progress:  " + ScomoText.Progress(download));
            io.Line("state:     " + ScomoText.State(download));
        }
    }
}
