using System;
using System.IO;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>One open file on a FileStream (Seek, Read, Write, SetLength). nanoFramework documents Close as the
    /// point where littlefs/FatFs commit, so <see cref="Flush"/> flushes, closes and reopens the stream.</summary>
    public sealed class FileSystemFile : IStorageFile
    {
        private readonly string _path;
        private FileStream _stream;

        public FileSystemFile(string path)
        {
            _path = path;
            _stream = OpenStream();
        }

        private FileStream OpenStream()
        {
            try
            {
                return new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception e)
            {
                throw new StorageException("cannot open " + _path + ": " + e.Message, e);
            }
        }

        private FileStream Stream
        {
            get
            {
                if (_stream == null)
                {
                    throw new StorageException(_path + " is closed");
                }

                return _stream;
            }
        }

        public long Length
        {
            get
            {
                try
                {
                    return Stream.Length;
                }
                catch (StorageException)
                {
                    throw;
                }
                catch (Exception e)
                {
                    throw new StorageException(e.Message, e);
                }
            }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            try
            {
                FileStream s = Stream;
                if (position >= s.Length)
                {
                    return 0;
                }

                s.Seek(position, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int n = s.Read(buffer, offset + total, count - total);
                    if (n <= 0)
                    {
                        break;
                    }

                    total += n;
                }

                return total;
            }
            catch (StorageException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new StorageException("read failed on " + _path + ": " + e.Message, e);
            }
        }

        public void Write(long position, byte[] buffer, int offset, int count)
        {
            try
            {
                FileStream s = Stream;
                s.Seek(position, SeekOrigin.Begin);
                s.Write(buffer, offset, count);
            }
            catch (StorageException)
            {
                throw;
            }
            catch (Exception e)
            {
                // A full volume ends up here too.
                throw new StorageException("write failed on " + _path + ": " + e.Message, e);
            }
        }

        public void SetLength(long length)
        {
            try
            {
                Stream.SetLength(length);
            }
            catch (StorageException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new StorageException("SetLength failed on " + _path + ": " + e.Message, e);
            }
        }

        public void Flush()
        {
            try
            {
                FileStream s = Stream;
                s.Flush();
                s.Close();
                _stream = null;
                _stream = OpenStream();
            }
            catch (StorageException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new StorageException("flush failed on " + _path + ": " + e.Message, e);
            }
        }

        public void Dispose()
        {
            FileStream s = _stream;
            _stream = null;
            if (s != null)
            {
                try
                {
                    s.Close();
                }
                catch (Exception)
                {
                    // Nothing more to do with a file that cannot be closed.
                }
            }
        }
    }
}
