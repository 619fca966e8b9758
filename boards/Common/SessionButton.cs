using System;
using System.Device.Gpio;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>The board's user button: a press asks for a client-initiated management session. Active-low buttons
    /// (ESP32 DevKitC BOOT on GPIO0, to ground) use the internal pull-up and fire on the falling edge; active-high ones
    /// (F769I-DISCOVERY blue button PA0, pulled down on the board) fire on the rising edge. Debounced in the driver
    /// (50 ms) and in software (one press per second). A pin number below 0 disables it.</summary>
    public sealed class SessionButton
    {
        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private readonly ButtonPressedHandler _pressed;
        private long _lastPress;

        public SessionButton(GpioController gpio, int pinNumber, bool activeLow, ButtonPressedHandler pressed)
        {
            _activeLow = activeLow;
            _pressed = pressed;
            if (pinNumber < 0)
            {
                return;
            }

            _pin = gpio.OpenPin(pinNumber, activeLow ? PinMode.InputPullUp : PinMode.Input);
            _pin.DebounceTimeout = TimeSpan.FromTicks(50 * TimeSpan.TicksPerMillisecond);
            _pin.ValueChanged += OnValueChanged;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            bool pressed = _activeLow ? e.ChangeType == PinEventTypes.Falling : e.ChangeType == PinEventTypes.Rising;
            if (!pressed)
            {
                return;
            }

            long now = Environment.TickCount64;
            if (now - _lastPress < 1000)
            {
                return;
            }

            _lastPress = now;
            _pressed();
        }
    }
}
