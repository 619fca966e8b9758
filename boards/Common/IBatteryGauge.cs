namespace NanoOmaDm.Boards.Common
{
    /// <summary>A board's battery measurement (ESP32: ADC1 through a divider); boards without one pass null.</summary>
    public interface IBatteryGauge
    {
        /// <summary>0-100, or -1 when it cannot be measured.</summary>
        int Percent { get; }
    }
}
