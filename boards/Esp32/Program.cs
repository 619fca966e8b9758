using NanoOmaDm.Boards.Common;

namespace NanoOmaDm.Boards.Esp32
{
    /// <summary>nanoOmaDm on an ESP32 (DevKitC / WROVER, firmware ESP32_PSRAM_REV0): Wi-Fi, littlefs I:\, console on
    /// COM2, BOOT button, LED on GPIO2, battery on GPIO36. See README "Flashing a board".</summary>
    public static class Program
    {
        public static void Main()
        {
            new BoardApp(new Esp32Board()).Run();
        }
    }
}
