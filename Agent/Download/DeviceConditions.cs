using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Download
{
    /// <summary>Turns the device's live state into suspend reasons, with the thresholds of <see cref="DownloadOptions"/>.
    /// Keeps the battery hysteresis between calls, so use one instance per download.</summary>
    internal sealed class DeviceConditions
    {
        private readonly IDeviceState _state;
        private readonly DownloadOptions _options;
        private bool _batteryLow;

        public DeviceConditions(IDeviceState state, DownloadOptions options)
        {
            _state = state;
            _options = options;
        }

        /// <param name="bytesStillNeeded">Image bytes not stored yet (0 when unknown): storage must hold them plus the reserve.</param>
        public SuspendReasons Evaluate(long bytesStillNeeded)
        {
            if (_state == null)
            {
                return SuspendReasons.None;
            }

            SuspendReasons reasons = SuspendReasons.None;
            int battery = _state.BatteryPercent;
            if (battery < 0)
            {
                _batteryLow = false;
            }
            else
            {
                _batteryLow = battery < (_batteryLow ? _options.ResumeBatteryPercent : _options.MinBatteryPercent);
            }
            if (_batteryLow)
            {
                reasons |= SuspendReasons.BatteryLow;
            }

            long storage = _state.FreeStorageBytes;
            if (storage >= 0 && storage < bytesStillNeeded + _options.MinFreeStorageBytes)
            {
                reasons |= SuspendReasons.StorageLow;
            }

            long memory = _state.FreeMemoryBytes;
            if (memory >= 0 && memory < _options.MinFreeMemoryBytes)
            {
                reasons |= SuspendReasons.MemoryLow;
            }

            if (!_state.IsNetworkUp)
            {
                reasons |= SuspendReasons.NetworkDown;
            }
            return reasons;
        }
    }
}
