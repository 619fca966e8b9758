using System;
using System.Net.NetworkInformation;
using NanoOmaDm.Agent.Store;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Live conditions for the console's status and the download client: battery from the board's gauge,
    /// free managed heap from nanoFramework.Runtime.Native.GC.Run(false) (runs a collection, so callers poll it
    /// seldom), network up when an interface has an IPv4 address, and free storage from the store's own budget
    /// (nanoFramework's DriveInfo has no free-space query).</summary>
    public sealed class BoardDeviceState : IDeviceState
    {
        private readonly IBatteryGauge _battery;
        private LogStore _store;
        private long _freeMemory = -1;
        private long _freeMemoryAt;

        public BoardDeviceState(IBatteryGauge battery)
        {
            _battery = battery;
        }

        /// <summary>The open store whose budget bounds the agent's files (null: unknown).</summary>
        public void Attach(LogStore store)
        {
            _store = store;
        }

        public int BatteryPercent
        {
            get { return _battery == null ? -1 : _battery.Percent; }
        }

        public long FreeStorageBytes
        {
            get
            {
                LogStore store = _store;
                if (store == null || !store.IsOpen || store.Budget <= 0)
                {
                    return -1;
                }

                long free = store.Budget - store.StoredBytes;
                return free < 0 ? 0 : free;
            }
        }

        /// <summary>GC.Run(false) collects garbage and returns the free heap; measured at most every 5 s.</summary>
        public long FreeMemoryBytes
        {
            get
            {
                long now = Environment.TickCount64;
                if (_freeMemory < 0 || now - _freeMemoryAt > 5000)
                {
                    _freeMemory = nanoFramework.Runtime.Native.GC.Run(false);
                    _freeMemoryAt = now;
                }

                return _freeMemory;
            }
        }

        public bool IsNetworkUp
        {
            get { return NetworkUp(); }
        }

        /// <summary>True when some interface has an IPv4 address other than 0.0.0.0.</summary>
        public static bool NetworkUp()
        {
            try
            {
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < all.Length; i++)
                {
                    string ip = all[i].IPv4Address;
                    if (ip != null && ip.Length > 0 && ip != "0.0.0.0")
                    {
                        return true;
                    }
                }
            }
            catch (Exception)
            {
            }

            return false;
        }
    }
}
