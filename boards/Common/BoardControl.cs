using System.Threading;
using nanoFramework.Runtime.Native;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Called before a factory reset erases the state folder, to close the open store.</summary>
    public delegate void CloseStateHandler();

    /// <summary>Reboot with Power.RebootDevice; factory reset closes the store and deletes every file of the state
    /// folder (I:\nanoOmaDm\state or D:\nanoOmaDm\state). config.txt one folder up holds the board's provisioning
    /// (Wi-Fi, server, pins) and stays, so the device can still reach its server after the reset. The caller reboots afterwards.</summary>
    public sealed class BoardControl : IBoardControl
    {
        private readonly FileSystemStorage _storage;
        private readonly CloseStateHandler _closeState;

        public BoardControl(FileSystemStorage storage, CloseStateHandler closeState)
        {
            _storage = storage;
            _closeState = closeState;
        }

        public void Reboot()
        {
            // Let the console's last line leave the UART.
            Thread.Sleep(200);
            Power.RebootDevice();
        }

        public bool FactoryReset()
        {
            if (_closeState != null)
            {
                _closeState();
            }

            return _storage.DeleteAll();
        }
    }
}
