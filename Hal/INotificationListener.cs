namespace NanoOmaDm.Hal
{
    /// <summary>Receives server notifications (Pkg#0): UDP in the emulator, SMS/WAP push or UDP on a board.</summary>
    public interface INotificationListener
    {
        void Start(NotificationHandler handler);
        void Stop();
    }
}
