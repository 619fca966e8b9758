using System;
using System.Device.Adc;
using NanoOmaDm.Boards.Common;

namespace NanoOmaDm.Boards.Esp32
{
    /// <summary>Battery charge from the voltage on an ADC1 channel (ESP32 logical channels 0-7 = GPIO36, 37, 38, 39,
    /// 32, 33, 34, 35). The pin sees the battery voltage through a divider (battery.divider = Vbat / Vpin, 2.0 for two
    /// equal resistors); full scale is taken as 3300 mV (11 dB attenuation, uncalibrated: expect +-100 mV). The
    /// percentage is linear between battery.empty.mv and battery.full.mv; 8 readings are averaged. Reads below
    /// 500 mV at the battery mean nothing is connected (USB power): -1.</summary>
    public sealed class AdcBatteryGauge : IBatteryGauge
    {
        private const int FullScaleMv = 3300;
        private const int Samples = 8;

        private readonly AdcChannel _channel;
        private readonly int _maxValue;
        private readonly double _divider;
        private readonly int _emptyMv;
        private readonly int _fullMv;

        public AdcBatteryGauge(int channelNumber, double divider, int emptyMv, int fullMv)
        {
            var adc = new AdcController();
            _maxValue = adc.MaxValue;
            _channel = adc.OpenChannel(channelNumber);
            _divider = divider;
            _emptyMv = emptyMv;
            _fullMv = fullMv > emptyMv ? fullMv : emptyMv + 1;
        }

        /// <summary>Battery voltage in millivolts.</summary>
        public int Millivolts
        {
            get
            {
                long sum = 0;
                for (int i = 0; i < Samples; i++)
                {
                    sum += _channel.ReadValue();
                }

                double pinMv = (double)sum / Samples * FullScaleMv / (_maxValue > 0 ? _maxValue : 4095);
                return (int)(pinMv * _divider);
            }
        }

        public int Percent
        {
            get
            {
                int mv;
                try
                {
                    mv = Millivolts;
                }
                catch (Exception)
                {
                    return -1;
                }

                if (mv < 500)
                {
                    return -1;
                }

                int percent = (mv - _emptyMv) * 100 / (_fullMv - _emptyMv);
                return percent < 0 ? 0 : (percent > 100 ? 100 : percent);
            }
        }
    }
}
