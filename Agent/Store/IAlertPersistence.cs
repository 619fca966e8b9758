using NanoOmaDm.Agent.Session;

namespace NanoOmaDm.Agent.Store
{
    /// <summary>The durable side of the Generic Alert queue; each call is one commit.</summary>
    public interface IAlertPersistence
    {
        /// <summary>Stores a newly queued alert; false if it could not be stored (storage full).</summary>
        bool Added(GenericAlert alert);

        /// <summary>Forgets an acknowledged alert; false if that could not be stored yet.</summary>
        bool Removed(GenericAlert alert);
    }
}
