using NanoOmaDm.Agent.Terminal;
using Xunit;

namespace NanoOmaDm.Tests.Terminal
{
    /// <summary>login/logout, the lockout after wrong PINs (on the monotonic uptime, doubling) and the idle logout.</summary>
    public class ConsoleAccessTests
    {
        private const string Wrong = "1357";

        [Fact]
        public void FiveWrongPinsLockTheConsoleEvenForTheRightPin()
        {
            var rig = new ConsoleRig();
            for (int left = 4; left >= 1; left--)
            {
                Assert.Equal("wrong PIN (" + left + " more attempt(s) before a lockout)\r\n", rig.Run("login " + Wrong));
            }

            Assert.Equal("locked: too many wrong PINs, try again in 300 s\r\n", rig.Run("login " + Wrong));
            Assert.StartsWith("locked:", rig.Run("login " + ConsoleRig.Pin));
            Assert.False(rig.Console.Access.IsUnlocked);
            Assert.Contains("console  locked for 300 s after wrong PINs", rig.Run("status"));

            rig.Clock.Advance(299);
            Assert.Equal("locked: too many wrong PINs, try again in 1 s\r\n", rig.Run("login " + ConsoleRig.Pin));
            // Moving the wall clock does not shorten it: only uptime counts.
            rig.Clock.UtcNow = rig.Clock.UtcNow.AddDays(1);
            Assert.StartsWith("locked:", rig.Run("login " + ConsoleRig.Pin));

            rig.Clock.Advance(1);
            Assert.StartsWith("logged in", rig.Run("login " + ConsoleRig.Pin));
        }

        [Fact]
        public void EachFurtherLockoutLastsTwiceAsLongUntilARightPin()
        {
            var rig = new ConsoleRig();
            LockOut(rig);
            Assert.Equal(300_000, rig.Console.Access.LockedForMs);
            rig.Clock.Advance(300);

            LockOut(rig);
            Assert.Equal(600_000, rig.Console.Access.LockedForMs);
            rig.Clock.Advance(600);

            LockOut(rig);
            Assert.Equal(1_200_000, rig.Console.Access.LockedForMs);
            rig.Clock.Advance(1200);

            rig.Login();
            rig.Run("logout");
            LockOut(rig);
            Assert.Equal(300_000, rig.Console.Access.LockedForMs);
        }

        [Fact]
        public void LockoutsStopDoublingAtTheMaximum()
        {
            var rig = new ConsoleRig(configure: s => s.MaxLockoutMs = 500_000);
            LockOut(rig);
            rig.Clock.Advance(300);
            LockOut(rig);
            Assert.Equal(500_000, rig.Console.Access.LockedForMs);
        }

        [Fact]
        public void ARightPinResetsTheFailureCount()
        {
            var rig = new ConsoleRig();
            for (int i = 0; i < 4; i++)
            {
                rig.Run("login " + Wrong);
            }

            rig.Login();
            Assert.Contains("(4 more attempt(s)", rig.Run("login " + Wrong));
            Assert.False(rig.Console.Access.IsUnlocked);
        }

        [Fact]
        public void LoginWithoutPinOnTheLineAsksForIt()
        {
            var rig = new ConsoleRig();
            string screen = rig.Run("login", ConsoleRig.Pin);
            Assert.StartsWith("PIN: logged in", screen);
            Assert.True(rig.Console.Access.IsUnlocked);

            rig.Run("logout");
            Assert.Contains("no PIN entered", rig.Run("login"));
        }

        [Fact]
        public void LogoutAndIdleTimeEndTheLogin()
        {
            var rig = new ConsoleRig();
            string acc = rig.Agent.Tree.Find("./DMAcc").GetChild(0).Uri;
            rig.Login();
            Assert.Equal("logged out\r\n", rig.Run("logout"));
            Assert.StartsWith("refused:", rig.Run("set " + acc + "/Name a"));

            rig.Login();
            rig.Clock.Advance(299);
            Assert.Contains(" = b", rig.Run("set " + acc + "/Name b"));
            rig.Clock.Advance(299);
            Assert.Contains(" = c", rig.Run("set " + acc + "/Name c"));
            rig.Clock.Advance(300);
            Assert.Equal("(logged out after 300 s without input)\r\nrefused: 'set' changes the device; log in first with 'login PIN'\r\n",
                rig.Run("set " + acc + "/Name d"));
            Assert.Equal("c", rig.Agent.Tree.GetString(acc + "/Name"));
        }

        [Fact]
        public void WithoutAPinNobodyCanLogIn()
        {
            var rig = new ConsoleRig(factoryPin: null);
            Assert.Equal("no console PIN is set on this device (a server provisions " + ConsoleMo.PinHashUri + ")\r\n", rig.Run("login 0000"));
            Assert.Contains("console  not logged in, no PIN set", rig.Run("status"));

            var shortPin = new ConsoleRig(factoryPin: "12");
            Assert.StartsWith("no console PIN is set", shortPin.Run("login 12"));
            Assert.Contains("factory PIN not used", shortPin.Run("log"));
        }

        [Fact]
        public void PinChangesTheStoredRecordAfterTheRepeatMatches()
        {
            var rig = new ConsoleRig();
            rig.Login();
            Assert.Contains("not changed: the PINs differ", rig.Run("pin 97531", "97530"));
            Assert.Contains("not changed: a PIN has 4 to 16", rig.Run("pin 12"));
            Assert.Equal("Repeat the new PIN: PIN changed\r\n", rig.Run("pin 97531", "97531"));

            rig.Run("logout");
            Assert.StartsWith("wrong PIN", rig.Run("login " + ConsoleRig.Pin));
            Assert.StartsWith("logged in", rig.Run("login 97531"));
        }

        private static void LockOut(ConsoleRig rig)
        {
            string screen = string.Empty;
            for (int i = 0; i < 5; i++)
            {
                screen = rig.Run("login " + Wrong);
            }

            Assert.StartsWith("locked:", screen);
        }
    }
}
