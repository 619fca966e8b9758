using System;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Nonces and session ids. The listings offer no cryptographic RNG class (nanoFramework has none);
    /// System.Random's parameterless constructor is native and seeds from the platform (on the ESP32 the firmware's
    /// random source is the hardware RNG; on STM32 it depends on the build: assume a weak seed). To avoid identical
    /// sequences after every boot, each call also mixes the uptime ticks and the wall clock into the output. This is
    /// NOT cryptographically strong: nonces from it are unpredictable enough for digest freshness, not for keys.</summary>
    public sealed class BoardRandom : IRandomSource
    {
        private readonly Random _random;
        private readonly object _lock = new object();
        private int _counter;

        public BoardRandom(byte[] deviceSalt)
        {
            int seed = (int)Environment.TickCount64 ^ (int)DateTime.UtcNow.Ticks;
            if (deviceSalt != null)
            {
                for (int i = 0; i < deviceSalt.Length; i++)
                {
                    seed = (seed * 31) ^ deviceSalt[i];
                }
            }

            // The native default seed, perturbed by the device and the moment of the first use.
            var native = new Random();
            _random = new Random(native.Next() ^ seed);
        }

        public void NextBytes(byte[] buffer)
        {
            lock (_lock)
            {
                _random.NextBytes(buffer);
                long mix = Environment.TickCount64 ^ DateTime.UtcNow.Ticks ^ ((long)(++_counter) << 32);
                for (int i = 0; i < buffer.Length; i++)
                {
                    buffer[i] ^= (byte)(mix >> ((i % 8) * 8));
                }
            }
        }
    }
}
