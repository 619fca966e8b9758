using System;
using System.Collections;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Install: the package (from Delivered/&lt;x&gt;/Data or the downloaded file) is verified while its payloads
    /// stream into component images - nothing enters the inventory unless the signature, every hash and the end of the
    /// package check out - then the components appear under Deployed in one commit and, for Install and
    /// DownloadInstall, are started; a component that fails to start rolls the whole install back (1409). A component
    /// already deployed in another version is updated: the new version gets an image file of its own, so the old one
    /// stays intact until the new one runs, and comes back if the new one does not start.</summary>
    public sealed partial class ScomoExecutor
    {
        private const int PackageBufferSize = 1024;

        private void RunInstall(ScomoJob job, string from)
        {
            string entry = job.Entry;
            DmTree tree = _agent.Tree;
            byte[] data;
            bool installed;
            lock (_agent.TreeLock)
            {
                installed = IsInstalled(tree, entry);
                DmNode node = tree.Find(ScomoTree.Leaf(ScomoTree.Delivered, entry, ScomoTree.Data));
                data = node == null ? null : node.Value;
            }
            if (installed)
            {
                // A restart came after the inventory commit: only the activation may be missing.
                FinishInstall(job, ComponentsOf(entry), new Hashtable());
                return;
            }
            Edit(delegate(DmTree t)
            {
                ScomoEntries.SetStatus(t, ScomoTree.Delivered, entry, ScomoStatus.InstallProgressing);
                if (from == ScomoTree.Download)
                {
                    ScomoEntries.SetStatus(t, ScomoTree.Download, entry, ScomoStatus.DownloadInstallProgressing);
                }
                return StatusCode.Ok;
            });
            int code = data != null && data.Length > 0 ? StoreDirectDelivery(entry, data) : ScomoResultCode.Successful;
            PackageManifest manifest = null;
            if (code == ScomoResultCode.Successful)
            {
                code = Extract(entry, out manifest);
            }
            if (code != ScomoResultCode.Successful)
            {
                FailInstall(job, from, code, manifest);
                return;
            }
            string[] ids = ComponentIds(manifest);
            Hashtable previous = Snapshot(ids);
            if (!Edit(delegate(DmTree t) { return EnterInventory(t, entry, manifest); }))
            {
                DeleteImages(manifest);
                FailInstall(job, from, ScomoResultCode.InstallFailedOutOfMemory, manifest);
                return;
            }
            FinishInstall(job, ids, previous);
        }

        /// <summary>Direct delivery: the package the server wrote into Data becomes the package file.</summary>
        private int StoreDirectDelivery(string entry, byte[] data)
        {
            try
            {
                using (IStorageFile file = _platform.Storage.Open(ScomoFiles.Package(entry)))
                {
                    file.SetLength(0);
                    file.Write(0, data, 0, data.Length);
                    file.Flush();
                }
                return ScomoResultCode.Successful;
            }
            catch (Exception e)
            {
                Log(LogLevel.Error, "cannot store the package of " + entry + ": " + e.Message);
                return ScomoResultCode.InstallFailedOutOfMemory;
            }
        }

        /// <summary>Verifies the package and writes each payload to its component image.</summary>
        private int Extract(string entry, out PackageManifest manifest)
        {
            manifest = null;
            Hashtable keys;
            lock (_agent.TreeLock)
            {
                keys = TrustedKeyRing.Read(_agent.Tree);
            }
            PackageReader reader = new PackageReader(keys, PackageBufferSize);
            int code;
            try
            {
                using (StorageFileStream input = new StorageFileStream(_platform.Storage.Open(ScomoFiles.Package(entry))))
                {
                    code = Check(reader.ReadManifest(input), entry, "package header");
                    if (code == ScomoResultCode.Successful)
                    {
                        manifest = reader.Manifest;
                        code = CheckComponents(manifest);
                    }
                    for (int i = 0; code == ScomoResultCode.Successful && i < manifest.Components.Length; i++)
                    {
                        PackageComponent c = manifest.Components[i];
                        using (StorageFileStream output = new StorageFileStream(_platform.Storage.Open(ScomoFiles.Component(c.Id, c.Version))))
                        {
                            output.SetLength(0);
                            code = Check(reader.ReadPayload(input, output), entry, "payload of " + c.Id);
                            output.Flush();
                        }
                    }
                    if (code == ScomoResultCode.Successful)
                    {
                        code = Check(reader.ReadEnd(input), entry, "end of package");
                    }
                    if (code == ScomoResultCode.Successful)
                    {
                        LogVerified(entry, reader);
                    }
                }
            }
            catch (Exception e)
            {
                Log(LogLevel.Error, "cannot install " + entry + ": " + e.Message);
                code = ScomoResultCode.InstallFailedOutOfMemory;
            }
            if (code != ScomoResultCode.Successful && manifest != null)
            {
                DeleteImages(manifest);
            }
            return code;
        }

        private void LogVerified(string entry, PackageReader reader)
        {
            Log(LogLevel.Info, "package " + entry + " (" + reader.Manifest.PackageId + " " + reader.Manifest.Version + ") verified: signed by '"
                + reader.KeyId + "', " + reader.Manifest.Components.Length + " component(s) with matching SHA-256");
        }

        private int Check(PackageResult result, string entry, string what)
        {
            if (result != PackageResult.Ok)
            {
                Log(LogLevel.Error, "package " + entry + " rejected at the " + what + ": " + result.ToString());
            }
            return PackageResultCodes.ToScomoResultCode(result);
        }

        /// <summary>1413 for an environment this board cannot run; 1405 for a component deployed in this very version
        /// (nothing to do: remove it first to reinstall) or whose id cannot name a node.</summary>
        private int CheckComponents(PackageManifest manifest)
        {
            for (int i = 0; i < manifest.Components.Length; i++)
            {
                PackageComponent component = manifest.Components[i];
                if (!_runtime.Supports(component.Environment))
                {
                    Log(LogLevel.Error, "component " + component.Id + " needs environment '" + component.Environment + "', which this device does not run");
                    return ScomoResultCode.UnsupportedEnvironment;
                }
                DeployedComponent deployed;
                lock (_agent.TreeLock)
                {
                    deployed = DeployedComponent.Read(_agent.Tree, component.Id);
                }
                bool sameVersion = deployed != null && deployed.Version == component.Version;
                TreeUri node = TreeUri.Parse(ScomoTree.Entry(ScomoTree.Deployed, component.Id), _agent.Tree.Limits);
                if (sameVersion || !node.IsValid || node.QueryKey != null || node.Segments.Length != 4)
                {
                    Log(LogLevel.Error, "component " + component.Id + (sameVersion ? " " + component.Version + " is already deployed (remove it first to reinstall)"
                        : " has an id that cannot name a node"));
                    return ScomoResultCode.InstallFailed;
                }
            }
            return ScomoResultCode.Successful;
        }

        /// <summary>The Deployed entries an install is about to update, by id.</summary>
        private Hashtable Snapshot(string[] ids)
        {
            Hashtable previous = new Hashtable();
            lock (_agent.TreeLock)
            {
                for (int i = 0; i < ids.Length; i++)
                {
                    DeployedComponent deployed = DeployedComponent.Read(_agent.Tree, ids[i]);
                    if (deployed != null)
                    {
                        previous[ids[i]] = deployed;
                    }
                }
            }
            return previous;
        }

        /// <summary>Enters (or updates) the package's components, inactive for now, and marks the package installed.</summary>
        private int EnterInventory(DmTree tree, string entry, PackageManifest manifest)
        {
            string description = ScomoEntries.GetString(tree, ScomoTree.Delivered, entry, ScomoTree.Description);
            string parameters = ScomoEntries.GetString(tree, ScomoTree.Delivered, entry, ScomoTree.InstallParams);
            for (int i = 0; i < manifest.Components.Length; i++)
            {
                PackageComponent c = manifest.Components[i];
                DeployedComponent deployed = new DeployedComponent();
                deployed.Id = c.Id;
                deployed.PkgIdRef = manifest.PackageId;
                deployed.Name = c.Name;
                deployed.Version = c.Version;
                deployed.Description = description;
                deployed.EnvType = c.Environment;
                deployed.Parameters = parameters;
                deployed.Image = ScomoFiles.Component(c.Id, c.Version);
                deployed.State = ScomoTree.StateInactive;
                deployed.Write(tree, OperationHandler);
            }
            ScomoEntries.SetString(tree, ScomoTree.Leaf(ScomoTree.Delivered, entry, ScomoTree.PkgId), manifest.PackageId);
            DmNode data = tree.Find(ScomoTree.Leaf(ScomoTree.Delivered, entry, ScomoTree.Data));
            if (data != null)
            {
                tree.SetLeaf(data.Uri, null, null, new byte[0], false);
            }
            ScomoEntries.SetState(tree, ScomoTree.Delivered, entry, ScomoTree.StateInstalled);
            ScomoEntries.SetStatus(tree, ScomoTree.Delivered, entry, ScomoStatus.Idle);
            ScomoEntries.SetStatus(tree, ScomoTree.Download, entry, ScomoStatus.Idle);
            return StatusCode.Ok;
        }

        /// <summary>Stops the versions being replaced, starts the components when the operation activates them (a
        /// failure rolls the install back: new components go, updated ones return to their previous version, the
        /// package stays delivered) and reports.</summary>
        private void FinishInstall(ScomoJob job, string[] ids, Hashtable previous)
        {
            string entry = job.Entry;
            foreach (DictionaryEntry replaced in previous)
            {
                _runtime.Stop((string)replaced.Key);
            }
            if (ScomoOperations.Activates(job.Operation) && !ActivateAll(ids))
            {
                RollBack(entry, ids, previous);
                Finish(job, ScomoResultCode.ActivateFailed, ScomoTree.Entry(ScomoTree.Delivered, entry), entry);
                return;
            }
            // Installed components are kept as images; the package and the replaced versions are not needed any more
            // (flash is scarce).
            _platform.Storage.Delete(ScomoFiles.Package(entry));
            foreach (DictionaryEntry replaced in previous)
            {
                DeleteImage(((DeployedComponent)replaced.Value).Image);
            }
            if (ids.Length == 1)
            {
                Finish(job, ScomoResultCode.Successful, ScomoTree.Entry(ScomoTree.Deployed, ids[0]), ids[0]);
                return;
            }
            string pkgId;
            lock (_agent.TreeLock)
            {
                pkgId = ScomoEntries.GetString(_agent.Tree, ScomoTree.Delivered, entry, ScomoTree.PkgId);
            }
            Finish(job, ScomoResultCode.Successful, ScomoTree.Deployed, pkgId);
        }

        private void RollBack(string entry, string[] ids, Hashtable previous)
        {
            string[] images = new string[ids.Length];
            Edit(delegate(DmTree t)
            {
                for (int i = 0; i < ids.Length; i++)
                {
                    DeployedComponent installed = DeployedComponent.Read(t, ids[i]);
                    images[i] = installed == null ? null : installed.Image;
                    DeployedComponent before = (DeployedComponent)previous[ids[i]];
                    if (before == null)
                    {
                        t.Remove(ScomoTree.Entry(ScomoTree.Deployed, ids[i]));
                    }
                    else
                    {
                        before.Write(t, OperationHandler);
                    }
                }
                ScomoEntries.SetState(t, ScomoTree.Delivered, entry, ScomoTree.StateDelivered);
                ScomoEntries.SetStatus(t, ScomoTree.Delivered, entry, ScomoStatus.InstallFailedDataKept);
                return StatusCode.Ok;
            });
            for (int i = 0; i < ids.Length; i++)
            {
                DeployedComponent before = (DeployedComponent)previous[ids[i]];
                string error = before != null && before.State == ScomoTree.StateActive ? Launch(ids[i]) : null;
                if (error != null)
                {
                    Log(LogLevel.Error, "component " + ids[i] + " " + before.Version + " did not start again after the failed update: " + error);
                    SetComponentStatus(ids[i], ScomoStatus.ActivateFailed);
                }
                if (before == null || before.Image != images[i])
                {
                    DeleteImage(images[i]);
                }
            }
        }

        /// <summary>Starts every component that does not run yet; on a failure stops the ones it started and returns
        /// false.</summary>
        private bool ActivateAll(string[] ids)
        {
            for (int i = 0; i < ids.Length; i++)
            {
                if (ComponentState(_agent.Tree, ids[i]) == ScomoTree.StateActive)
                {
                    continue;
                }
                if (!StartComponent(ids[i]))
                {
                    for (int j = 0; j < i; j++)
                    {
                        _runtime.Stop(ids[j]);
                    }
                    return false;
                }
            }
            return true;
        }

        private void FailInstall(ScomoJob job, string from, int code, PackageManifest manifest)
        {
            string entry = job.Entry;
            // A package that failed validation is worthless: drop it. Other failures keep it for another attempt.
            bool dataGone = code == ScomoResultCode.FailedPackageValidation;
            if (dataGone)
            {
                _platform.Storage.Delete(ScomoFiles.Package(entry));
            }
            Edit(delegate(DmTree t)
            {
                if (dataGone)
                {
                    DmNode data = t.Find(ScomoTree.Leaf(ScomoTree.Delivered, entry, ScomoTree.Data));
                    if (data != null)
                    {
                        t.SetLeaf(data.Uri, null, null, new byte[0], false);
                    }
                }
                ScomoEntries.SetStatus(t, ScomoTree.Delivered, entry, dataGone ? ScomoStatus.InstallFailedDataGone : ScomoStatus.InstallFailedDataKept);
                if (from == ScomoTree.Download)
                {
                    ScomoEntries.SetStatus(t, ScomoTree.Download, entry,
                        dataGone ? ScomoStatus.DownloadInstallFailedDataGone : ScomoStatus.DownloadInstallFailedDataKept);
                }
                return StatusCode.Ok;
            });
            Finish(job, code, ScomoTree.Entry(ScomoTree.Delivered, entry), manifest == null ? entry : manifest.PackageId);
        }

        private static string[] ComponentIds(PackageManifest manifest)
        {
            string[] ids = new string[manifest.Components.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = manifest.Components[i].Id;
            }
            return ids;
        }

        /// <summary>The deployed components that came from the package of Delivered/&lt;x&gt;.</summary>
        private string[] ComponentsOf(string entry)
        {
            ArrayList ids = new ArrayList();
            lock (_agent.TreeLock)
            {
                DmTree tree = _agent.Tree;
                string pkgId = ScomoEntries.GetString(tree, ScomoTree.Delivered, entry, ScomoTree.PkgId);
                DmNode deployed = tree.Find(ScomoTree.Deployed);
                for (int i = 0; deployed != null && i < deployed.ChildCount; i++)
                {
                    string name = deployed.GetChild(i).Name;
                    if (pkgId != null && pkgId == ScomoEntries.GetString(tree, ScomoTree.Deployed, name, ScomoTree.PkgIdRef))
                    {
                        ids.Add(name);
                    }
                }
            }
            string[] result = new string[ids.Count];
            ids.CopyTo(result);
            return result;
        }

        /// <summary>The images an unsuccessful install may have written.</summary>
        private void DeleteImages(PackageManifest manifest)
        {
            for (int i = 0; i < manifest.Components.Length; i++)
            {
                PackageComponent c = manifest.Components[i];
                DmNode image;
                lock (_agent.TreeLock)
                {
                    // Never the image of the version that is deployed (an install of the same version is refused
                    // before anything is written, but a restart may retry).
                    image = _agent.Tree.Find(ScomoTree.Entry(ScomoTree.Deployed, c.Id) + "/" + DeployedComponent.ImageLeaf);
                }
                string name = ScomoFiles.Component(c.Id, c.Version);
                if (image == null || Utf8Text.Decode(image.Value) != name)
                {
                    DeleteImage(name);
                }
            }
        }

        private void DeleteImage(string name)
        {
            if (name == null)
            {
                return;
            }
            try
            {
                _platform.Storage.Delete(name);
            }
            catch (StorageException e)
            {
                Log(LogLevel.Warning, "cannot delete the image " + name + ": " + e.Message);
            }
        }

        /// <summary>Verifies a whole package file without storing anything (a download is checked before it is
        /// delivered, so a tampered or unsigned package never enters the inventory).</summary>
        private int CheckPackage(string entry)
        {
            Hashtable keys;
            lock (_agent.TreeLock)
            {
                keys = TrustedKeyRing.Read(_agent.Tree);
            }
            try
            {
                using (StorageFileStream input = new StorageFileStream(_platform.Storage.Open(ScomoFiles.Package(entry))))
                {
                    PackageReader reader = new PackageReader(keys, PackageBufferSize);
                    int code = Check(reader.Verify(input), entry, "download check");
                    if (code == ScomoResultCode.Successful)
                    {
                        LogVerified(entry, reader);
                    }
                    return code;
                }
            }
            catch (Exception e)
            {
                Log(LogLevel.Error, "cannot read the package of " + entry + ": " + e.Message);
                return ScomoResultCode.DownloadFailedOutOfMemory;
            }
        }
    }
}
