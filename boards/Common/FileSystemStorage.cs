using System;
using System.IO;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>The agent's files in one folder of a nanoFramework drive (System.IO.FileSystem): ESP32 littlefs
    /// I:\nanoOmaDm, STM32F769I-DISCOVERY SD card D:\nanoOmaDm. Every IO failure becomes a StorageException.</summary>
    public sealed class FileSystemStorage : IFileStorage
    {
        private readonly string _folder;
        private readonly long _capacity;

        public FileSystemStorage(string folder, long capacity)
        {
            _folder = folder;
            _capacity = capacity;
            try
            {
                if (!Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                }
            }
            catch (Exception e)
            {
                throw new StorageException("cannot create " + folder + ": " + e.Message, e);
            }
        }

        public string Folder
        {
            get { return _folder; }
        }

        public long Capacity
        {
            get { return _capacity; }
        }

        public IStorageFile Open(string name)
        {
            return new FileSystemFile(PathOf(name));
        }

        public bool Exists(string name)
        {
            try
            {
                return File.Exists(PathOf(name));
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

        public void Delete(string name)
        {
            string path = PathOf(name);
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (Exception e)
            {
                throw new StorageException("cannot delete " + name + ": " + e.Message, e);
            }
        }

        public string[] List()
        {
            string[] paths;
            try
            {
                paths = Directory.GetFiles(_folder);
            }
            catch (Exception e)
            {
                throw new StorageException("cannot list " + _folder + ": " + e.Message, e);
            }

            var names = new string[paths.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                names[i] = System.IO.Path.GetFileName(paths[i]);
            }

            return names;
        }

        /// <summary>Deletes every file of the folder (factory reset); false when one could not be deleted.</summary>
        public bool DeleteAll()
        {
            bool complete = true;
            string[] paths;
            try
            {
                paths = Directory.GetFiles(_folder);
            }
            catch (Exception)
            {
                return false;
            }

            for (int i = 0; i < paths.Length; i++)
            {
                try
                {
                    File.Delete(paths[i]);
                }
                catch (Exception)
                {
                    complete = false;
                }
            }

            return complete;
        }

        private string PathOf(string name)
        {
            if (name == null || name.Length == 0 || name == "." || name == ".." || name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0 || name.IndexOf(':') >= 0)
            {
                throw new StorageException("invalid file name '" + name + "'");
            }

            return _folder + "\\" + name;
        }
    }
}
