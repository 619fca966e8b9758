using System;
using System.Device.Gpio;
using System.Threading;
using NanoOmaDm.Agent;
using NanoOmaDm.Agent.Scomo;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>The board's user LED as a status light, refreshed every 100 ms on a thread of its own:
    /// steady on = a management session runs; fast blink (5 Hz) = a software package downloads;
    /// slow blink (1 Hz) = the network is down; three quick flashes = a button press or notification was taken;
    /// off = idle and connected. A pin number below 0 disables it.</summary>
    public sealed class StatusLed
    {
        private readonly GpioPin _pin;
        private readonly bool _activeHigh;
        private DmAgent _agent;
        private ScomoExecutor _scomo;
        private int _flashes;
        private int _tick;

        public StatusLed(GpioController gpio, int pinNumber, bool activeHigh)
        {
            _activeHigh = activeHigh;
            if (pinNumber < 0)
            {
                return;
            }

            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            Set(false);
            var thread = new Thread(Run);
            thread.Start();
        }

        /// <summary>What the light shows: the agent's sessions and, when the board runs SCOMO (else null), its downloads.</summary>
        public void Attach(DmAgent agent, ScomoExecutor scomo)
        {
            _agent = agent;
            _scomo = scomo;
        }

        /// <summary>Acknowledges an event with three quick flashes.</summary>
        public void Flash()
        {
            _flashes = 6;
        }

        private void Run()
        {
            while (true)
            {
                try
                {
                    Update();
                }
                catch (Exception)
                {
                    // A status light must never take the device down.
                }

                Thread.Sleep(100);
            }
        }

        private void Update()
        {
            _tick++;
            if (_flashes > 0)
            {
                _flashes--;
                Set(_flashes % 2 == 1);
                return;
            }

            DmAgent agent = _agent;
            ScomoExecutor scomo = _scomo;
            if (scomo != null && scomo.ActiveDownload != null)
            {
                Set(_tick % 2 == 0);
            }
            else if (agent != null && agent.IsSessionRunning)
            {
                Set(true);
            }
            else if (!BoardDeviceState.NetworkUp())
            {
                Set(_tick % 10 < 5);
            }
            else
            {
                Set(false);
            }
        }

        private void Set(bool on)
        {
            _pin.Write(on == _activeHigh ? PinValue.High : PinValue.Low);
        }
    }
}
