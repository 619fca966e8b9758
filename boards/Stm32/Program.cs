using NanoOmaDm.Boards.Common;

namespace NanoOmaDm.Boards.Stm32
{
    /// <summary>nanoOmaDm on an STM32F769I-DISCOVERY (firmware ST_STM32F769I_DISCOVERY): Ethernet, SD card D:\,
    /// console on COM6 (Arduino D0/D1), blue user button PA0, green LED PJ5. See README "Flashing a board".</summary>
    public static class Program
    {
        public static void Main()
        {
            new BoardApp(new Stm32Board()).Run();
        }
    }
}
