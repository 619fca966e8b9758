using System.Collections;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>A typed command line split into words: blanks separate words, double quotes group blanks into one word
    /// ("a b") and give the empty word (""). <see cref="Rest"/> keeps a value's own spacing for <c>set URI VALUE</c>.</summary>
    public sealed class CommandArgs
    {
        private readonly string _line;
        private readonly string[] _words;
        private readonly int[] _starts;

        private CommandArgs(string line, string[] words, int[] starts)
        {
            _line = line;
            _words = words;
            _starts = starts;
        }

        public int Count
        {
            get { return _words.Length; }
        }

        /// <summary>Word <paramref name="index"/> without its quotes, or null past the end.</summary>
        public string this[int index]
        {
            get { return index >= 0 && index < _words.Length ? _words[index] : null; }
        }

        /// <summary>The line from word <paramref name="index"/> to its end as typed (inner spacing and quotes kept,
        /// trailing blanks removed); when that is a single word, the word itself, so "" gives the empty value. Null past
        /// the end.</summary>
        public string Rest(int index)
        {
            if (index < 0 || index >= _words.Length)
            {
                return null;
            }
            if (index == _words.Length - 1)
            {
                return _words[index];
            }
            return _line.Substring(_starts[index]).TrimEnd();
        }

        /// <summary>Word <paramref name="index"/> in lower case, "" past the end (for sub-command switches).</summary>
        public string Keyword(int index)
        {
            string word = this[index];
            return word == null ? string.Empty : word.ToLower();
        }

        /// <summary>The words of <paramref name="line"/>, or null when a quote is not closed.</summary>
        public static CommandArgs Parse(string line)
        {
            ArrayList words = new ArrayList();
            ArrayList starts = new ArrayList();
            int i = 0;
            int n = line.Length;
            while (i < n)
            {
                if (IsBlank(line[i]))
                {
                    i++;
                    continue;
                }
                starts.Add(i);
                if (line[i] == '"')
                {
                    int close = line.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }
                    words.Add(line.Substring(i + 1, close - i - 1));
                    i = close + 1;
                    continue;
                }
                int start = i;
                while (i < n && !IsBlank(line[i]))
                {
                    i++;
                }
                words.Add(line.Substring(start, i - start));
            }
            int[] startArray = new int[starts.Count];
            for (int k = 0; k < startArray.Length; k++)
            {
                startArray[k] = (int)starts[k];
            }
            return new CommandArgs(line, (string[])words.ToArray(typeof(string)), startArray);
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t';
        }
    }
}
