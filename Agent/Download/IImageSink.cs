namespace NanoOmaDm.Agent.Download
{
    /// <summary>Where the image bytes of one download go (a file on the boards and in the emulator). Append-only apart
    /// from truncation; the client keeps no copy of the image. Any exception from a sink ends the download with 1404.</summary>
    public interface IImageSink
    {
        /// <summary>Bytes stored. After a power cut it must not count bytes that were not written: the client adopts
        /// everything below Length (re-hashing it) when it resumes.</summary>
        long Length { get; }

        void Append(byte[] buffer, int offset, int count);

        /// <summary>Drops everything from <paramref name="length"/> on (0: the image is discarded).</summary>
        void Truncate(long length);

        /// <summary>Makes the bytes appended so far durable; the client calls it before every checkpoint commit.</summary>
        void Flush();

        /// <summary>Reads stored bytes from <paramref name="position"/>; returns the count read, 0 at the end.</summary>
        int Read(long position, byte[] buffer, int offset, int count);
    }
}
