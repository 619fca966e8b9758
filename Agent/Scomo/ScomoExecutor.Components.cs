using System.Collections;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Activate, Deactivate and Remove of deployed components, Remove of delivered packages, and the restart
    /// of active components at boot.</summary>
    public sealed partial class ScomoExecutor
    {
        private void RunActivate(ScomoJob job)
        {
            string id = job.Entry;
            string target = ScomoTree.Entry(ScomoTree.Deployed, id);
            if (ComponentState(_agent.Tree, id) == ScomoTree.StateActive || StartComponent(id))
            {
                Finish(job, ScomoResultCode.Successful, target, id);
                return;
            }
            SetComponentStatus(id, ScomoStatus.ActivateFailed);
            Finish(job, ScomoResultCode.ActivateFailed, target, id);
        }

        private void RunDeactivate(ScomoJob job)
        {
            string id = job.Entry;
            _runtime.Stop(id);
            bool done = Edit(delegate(DmTree t)
            {
                ScomoEntries.SetState(t, ScomoTree.Deployed, id, ScomoTree.StateInactive);
                ScomoEntries.SetStatus(t, ScomoTree.Deployed, id, ScomoStatus.Idle);
                return StatusCode.Ok;
            });
            if (!done)
            {
                SetComponentStatus(id, ScomoStatus.DeactivateFailed);
            }
            if (!_platform.Components.UnloadsOnStop)
            {
                Log(LogLevel.Info, id + " is stopped; its code leaves memory at the next restart");
            }
            Finish(job, done ? ScomoResultCode.Successful : ScomoResultCode.DeactivateFailed, ScomoTree.Entry(ScomoTree.Deployed, id), id);
        }

        private void RunRemoveDeployed(ScomoJob job)
        {
            string id = job.Entry;
            string node = ScomoTree.Entry(ScomoTree.Deployed, id);
            DeployedComponent removed;
            lock (_agent.TreeLock)
            {
                removed = DeployedComponent.Read(_agent.Tree, id);
            }
            _runtime.Stop(id);
            bool done = Edit(delegate(DmTree t)
            {
                t.Remove(node);
                return StatusCode.Ok;
            });
            if (done && removed != null)
            {
                DeleteImage(removed.Image);
            }
            else
            {
                SetComponentStatus(id, ScomoStatus.DeployedRemoveFailed);
            }
            Finish(job, done ? ScomoResultCode.Successful : ScomoResultCode.RemoveFailed, node, id);
        }

        private void RunRemoveDelivered(ScomoJob job)
        {
            string entry = job.Entry;
            string node = ScomoTree.Entry(ScomoTree.Delivered, entry);
            string pkgId;
            lock (_agent.TreeLock)
            {
                pkgId = ScomoEntries.GetString(_agent.Tree, ScomoTree.Delivered, entry, ScomoTree.PkgId);
            }
            bool done = Edit(delegate(DmTree t)
            {
                t.Remove(node);
                return StatusCode.Ok;
            });
            if (done)
            {
                _platform.Storage.Delete(ScomoFiles.Package(entry));
            }
            else
            {
                Edit(delegate(DmTree t)
                {
                    ScomoEntries.SetStatus(t, ScomoTree.Delivered, entry, ScomoStatus.DeliveredRemoveFailed);
                    return StatusCode.Ok;
                });
            }
            Finish(job, done ? ScomoResultCode.Successful : ScomoResultCode.RemoveFailed, node, pkgId ?? entry);
        }

        /// <summary>Starts a deployed component and records it as active; false (logged) when it would not start.</summary>
        private bool StartComponent(string id)
        {
            string error = Launch(id);
            if (error != null)
            {
                Log(LogLevel.Error, "component " + id + " did not start: " + error);
                return false;
            }
            return Edit(delegate(DmTree t)
            {
                ScomoEntries.SetState(t, ScomoTree.Deployed, id, ScomoTree.StateActive);
                ScomoEntries.SetStatus(t, ScomoTree.Deployed, id, ScomoStatus.Idle);
                return StatusCode.Ok;
            });
        }

        /// <summary>Starts the component's image with its recorded version and install parameters; null or the reason
        /// it did not start.</summary>
        private string Launch(string id)
        {
            DeployedComponent component;
            lock (_agent.TreeLock)
            {
                component = DeployedComponent.Read(_agent.Tree, id);
            }
            if (component == null)
            {
                return "it is not deployed";
            }
            string error = _runtime.Start(component);
            if (error == null)
            {
                Log(LogLevel.Info, "component " + id + " " + component.Version + " started");
            }
            return error;
        }

        private void SetComponentStatus(string id, int status)
        {
            Edit(delegate(DmTree t)
            {
                ScomoEntries.SetStatus(t, ScomoTree.Deployed, id, status);
                return StatusCode.Ok;
            });
        }

        /// <summary>After a restart: every component recorded as active runs again. One that no longer starts is
        /// recorded as inactive with Status "activate failed", which the server sees in its next inventory.</summary>
        private void StartActiveComponents()
        {
            string[] active = ActiveComponents();
            for (int i = 0; i < active.Length; i++)
            {
                string id = active[i];
                string error = Launch(id);
                if (error == null)
                {
                    continue;
                }
                Log(LogLevel.Error, "component " + id + " did not start after the restart: " + error);
                Edit(delegate(DmTree t)
                {
                    ScomoEntries.SetState(t, ScomoTree.Deployed, id, ScomoTree.StateInactive);
                    ScomoEntries.SetStatus(t, ScomoTree.Deployed, id, ScomoStatus.ActivateFailed);
                    return StatusCode.Ok;
                });
            }
        }

        /// <summary>Deletes component images that no Deployed entry names: what an install interrupted by a restart had
        /// written (it runs again), or a replaced version a restart kept from being deleted.</summary>
        private void SweepImages()
        {
            Hashtable referenced = new Hashtable();
            lock (_agent.TreeLock)
            {
                DmNode deployed = _agent.Tree.Find(ScomoTree.Deployed);
                for (int i = 0; deployed != null && i < deployed.ChildCount; i++)
                {
                    DeployedComponent c = DeployedComponent.Read(_agent.Tree, deployed.GetChild(i).Name);
                    if (c.Image != null)
                    {
                        referenced[c.Image] = c.Id;
                    }
                }
            }
            string[] files = _platform.Storage.List();
            for (int i = 0; i < files.Length; i++)
            {
                if (files[i].StartsWith(ScomoFiles.ComponentPrefix) && !referenced.Contains(files[i]))
                {
                    Log(LogLevel.Info, "deleting " + files[i] + ", an image no deployed component uses");
                    DeleteImage(files[i]);
                }
            }
        }

        private string[] ActiveComponents()
        {
            ArrayList ids = new ArrayList();
            lock (_agent.TreeLock)
            {
                DmNode deployed = _agent.Tree.Find(ScomoTree.Deployed);
                for (int i = 0; deployed != null && i < deployed.ChildCount; i++)
                {
                    string id = deployed.GetChild(i).Name;
                    if (ComponentState(_agent.Tree, id) == ScomoTree.StateActive)
                    {
                        ids.Add(id);
                    }
                }
            }
            string[] result = new string[ids.Count];
            ids.CopyTo(result);
            return result;
        }
    }
}
