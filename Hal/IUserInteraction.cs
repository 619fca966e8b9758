namespace NanoOmaDm.Hal
{
    /// <summary>Presents DM UI alerts (1100-1104) to whoever is at the device. Blocks until answered or timed out;
    /// the emulator answers from configuration or the console, a headless board returns NotSupported.</summary>
    public interface IUserInteraction
    {
        UiResponse Present(UiRequest request);
    }
}
