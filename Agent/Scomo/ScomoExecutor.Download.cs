using NanoOmaDm.Agent.Download;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Alternate delivery: Download/&lt;x&gt;/PkgURL fetched by the resumable download client into the package
    /// file of Delivered/&lt;x&gt;, checked, and entered in the inventory; DownloadInstall(Inactive) goes on to install.</summary>
    public sealed partial class ScomoExecutor
    {
        private const string CheckpointPrefix = "scomo/dl/";

        private void RunDownload(ScomoJob job)
        {
            string entry = job.Entry;
            DmTree tree = _agent.Tree;
            bool downloaded;
            string url;
            lock (_agent.TreeLock)
            {
                downloaded = ScomoEntries.GetInt(tree, ScomoTree.Download, entry, ScomoTree.Status, 0) == ScomoStatus.DownloadComplete
                    && tree.Find(ScomoTree.Entry(ScomoTree.Delivered, entry)) != null;
                url = ScomoEntries.GetString(tree, ScomoTree.Download, entry, ScomoTree.PkgUrl);
            }
            if (!downloaded)
            {
                int code = Fetch(entry, url);
                if (code == 0)
                {
                    return;
                }
                if (code == ScomoResultCode.Successful)
                {
                    code = CheckPackage(entry);
                }
                if (code != ScomoResultCode.Successful)
                {
                    _platform.Storage.Delete(ScomoFiles.Package(entry));
                    Edit(delegate(DmTree t)
                    {
                        ScomoEntries.SetStatus(t, ScomoTree.Download, entry, ScomoStatus.DownloadFailed);
                        return StatusCode.Ok;
                    });
                    Finish(job, code, ScomoTree.Entry(ScomoTree.Download, entry), entry);
                    return;
                }
                if (!Edit(delegate(DmTree t) { return Deliver(t, entry); }))
                {
                    Finish(job, ScomoResultCode.DownloadFailedOutOfMemory, ScomoTree.Entry(ScomoTree.Download, entry), entry);
                    return;
                }
            }
            if (ScomoOperations.Installs(job.Operation))
            {
                RunInstall(job, ScomoTree.Download);
                return;
            }
            string pkgId;
            lock (_agent.TreeLock)
            {
                pkgId = ScomoEntries.GetString(tree, ScomoTree.Delivered, entry, ScomoTree.PkgId);
            }
            Finish(job, ScomoResultCode.Successful, ScomoTree.Entry(ScomoTree.Delivered, entry), pkgId);
        }

        /// <summary>The download's SCOMO result, or 0 when it was stopped for a shutdown (it resumes after the restart).</summary>
        private int Fetch(string entry, string url)
        {
            DownloadResult result;
            using (StorageImageSink sink = new StorageImageSink(_platform.Storage, ScomoFiles.Package(entry)))
            {
                DownloadClient client = new DownloadClient(_platform.Download, new DownloadRequest(url), sink,
                    new RecordCheckpointStore(_platform.Records, CheckpointPrefix + entry), _platform.DownloadOptions);
                if (DownloadProgress != null)
                {
                    client.AddProgressListener(DownloadProgress);
                }
                lock (_sync)
                {
                    _download = client;
                }
                if (_stopping)
                {
                    client.Stop();
                }
                Log(LogLevel.Info, "downloading " + url);
                result = client.Run();
                lock (_sync)
                {
                    _download = null;
                }
                if (result.Outcome == DownloadOutcome.Stopped)
                {
                    return 0;
                }
                // The package file is the delivered copy from here on; the checkpoint has done its job.
                new RecordCheckpointStore(_platform.Records, CheckpointPrefix + entry).Remove();
            }
            if (!result.IsSuccess)
            {
                Log(LogLevel.Warning, "download of " + url + " failed: " + result.ResultCode + " " + result.Message);
            }
            return result.ResultCode;
        }

        /// <summary>Enters a downloaded package in the inventory as Delivered/&lt;x&gt; (same name as the Download entry).</summary>
        private int Deliver(DmTree tree, string entry)
        {
            string delivered = ScomoTree.Entry(ScomoTree.Delivered, entry);
            tree.EnsureInterior(delivered, null, false);
            CopyLeaf(tree, entry, ScomoTree.PkgId);
            CopyLeaf(tree, entry, ScomoTree.Name);
            CopyLeaf(tree, entry, ScomoTree.Description);
            CopyLeaf(tree, entry, ScomoTree.InstallParams);
            CopyLeaf(tree, entry, ScomoTree.EnvType);
            CopyLeaf(tree, entry, ScomoTree.PkgType);
            ScomoEntries.Complete(tree, ScomoTree.Delivered, entry, OperationHandler);
            ScomoEntries.SetStatus(tree, ScomoTree.Delivered, entry, ScomoStatus.Idle);
            ScomoEntries.SetState(tree, ScomoTree.Delivered, entry, ScomoTree.StateDelivered);
            ScomoEntries.SetStatus(tree, ScomoTree.Download, entry, ScomoStatus.DownloadComplete);
            return StatusCode.Ok;
        }

        private static void CopyLeaf(DmTree tree, string entry, string leaf)
        {
            ScomoEntries.SetString(tree, ScomoTree.Leaf(ScomoTree.Delivered, entry, leaf),
                ScomoEntries.GetString(tree, ScomoTree.Download, entry, leaf));
        }

        private void Finish(ScomoJob job, int code, string target, string identifier)
        {
            job.TargetUri = target;
            job.Identifier = identifier;
            job.ResultCode = code;
        }
    }
}
