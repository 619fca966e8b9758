namespace NanoOmaDm.Boards.Common
{
    /// <summary>Called (on a GPIO event thread) when the session button was pressed.</summary>
    public delegate void ButtonPressedHandler();
}
