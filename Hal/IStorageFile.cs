using System;

namespace NanoOmaDm.Hal
{
    /// <summary>An open file (FileStream with Seek, Read, Write, SetLength and Flush on the boards). Nothing written is
    /// durable before <see cref="Flush"/> returns.</summary>
    public interface IStorageFile : IDisposable
    {
        long Length { get; }

        /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="position"/>; returns how many were
        /// read, 0 at or after the end.</summary>
        int Read(long position, byte[] buffer, int offset, int count);

        /// <summary>Writes at <paramref name="position"/> (at most <see cref="Length"/>; writing there appends).</summary>
        void Write(long position, byte[] buffer, int offset, int count);

        /// <summary>Truncates or extends (with zeros) the file.</summary>
        void SetLength(long length);

        /// <summary>Returns when every write and SetLength so far is durable. nanoFramework documents Close as the point
        /// where littlefs commits, so a board implementation may close and reopen the stream here.</summary>
        void Flush();
    }
}
