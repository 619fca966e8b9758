namespace NanoOmaDm.Agent.Terminal
{
    public enum LoginResult
    {
        /// <summary>Right PIN: mutating commands are allowed until logout or the idle timeout.</summary>
        Unlocked = 0,
        /// <summary>Wrong PIN; <see cref="ConsoleAccess.AttemptsLeft"/> more before the lockout.</summary>
        WrongPin = 1,
        /// <summary>Too many wrong PINs: no PIN is checked for <see cref="ConsoleAccess.LockedForMs"/>.</summary>
        LockedOut = 2,
        /// <summary>The tree holds no valid PIN record: nobody can log in.</summary>
        NoPin = 3
    }
}
