using System;

namespace NanoOmaDm.Hal
{
    /// <summary>A file operation failed: volume full, card removed, I/O error. The board maps its IOExceptions to this
    /// type so that the agent can tell storage failures from bugs.</summary>
    public class StorageException : Exception
    {
        public StorageException(string message) : base(message)
        {
        }

        public StorageException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
