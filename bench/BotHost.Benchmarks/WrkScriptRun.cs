using System.Globalization;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BotHost.Benchmarks;

/// <summary>
/// Writes the wrk script of bench/load/run.sh: signed Discord <c>/ask</c> interactions, sent in turn, and a count of
/// what came back (an answer inline, a deferral, anything else). Two modes:
/// <list type="bullet">
/// <item><c>distinct</c> (the default of run.sh): <c>count</c> different questions, the tuned and dev eval questions
/// first as written, then again with a chat opener or closer ("hi ", " pls", "?"), so more distinct texts than the
/// answer cache and the message-vector cache hold (2,048 each): sent in turn, every request is a first answer, its
/// message embedded and its question answered.</item>
/// <item><c>repeated</c>: the eight questions the load bench always used, answered from the answer cache after the
/// first round (the figure of a bot asked the same few things).</item>
/// </list>
/// Signed with the RFC 8032 section 7.1 TEST 1 key, as in ../shared/specs/payloads/discord-signature-test-vector.GENERATED.json.
/// Run: <c>dotnet BotHost.Benchmarks.dll wrk-script OUT.lua distinct|repeated [count]</c>.
/// </summary>
internal static class WrkScriptRun
{
    /// <summary>The public half of <see cref="SeedHex"/>, for the server's <c>Discord__PublicKey</c>.</summary>
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    public const string Timestamp = "1700000000";

    private const string SeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    /// <summary>Members the interactions come from (each member's rate limit is one Redis key with shared state).</summary>
    private const int Members = 256;

    private static readonly string[] RepeatedQuestions =
    [
        "someone is threatening to post my pics unless i pay",
        "how do i report csam",
        "how can i tell if someone is grooming my child",
        "what is sextortion",
        "how do i get an image of me taken down",
        "what are signs of human trafficking",
        "how do i fix a flat tyre",
        "who can i talk to if i feel unsafe online",
    ];

    /// <summary>Ways members open and close a question in chat; each pair makes a new text of every eval question.</summary>
    private static readonly (string Before, string After)[] ChatVariants =
    [
        ("", ""), ("hi ", ""), ("", " pls"), ("hey, ", "?"), ("", " thanks"), ("quick question: ", ""), ("um ", "??"),
        ("", " asking for a friend"), ("sorry to ask but ", ""), ("", " please help"), ("ok so ", ""), ("", " idk"),
    ];

    public static void Run(TextWriter output, string path, string mode, int count)
    {
        var questions = mode switch
        {
            "repeated" => RepeatedQuestions,
            "distinct" => Distinct(count),
            _ => throw new ArgumentException($"mode is distinct or repeated, not {mode}", nameof(mode)),
        };
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
        {
            Write(writer, questions);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {questions.Length:N0} signed /ask interactions ({questions.Distinct(StringComparer.OrdinalIgnoreCase).Count():N0} distinct questions) in {path}"));
    }

    /// <summary>The tuned and dev eval questions (never the blind sets), then the same with chat openers and closers.</summary>
    private static string[] Distinct(int count)
    {
        var knowledge = RepositoryPaths.Knowledge();
        var eval = BenchmarkQuestions.Load(knowledge).Concat(BenchmarkQuestions.Load(knowledge, "dev-questions.tsv"))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var texts = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (before, after) in ChatVariants)
        {
            foreach (var question in eval)
            {
                if (texts.Count == count) return [.. texts];
                var text = before + question + after;
                if (seen.Add(text)) texts.Add(text);
            }
        }

        if (texts.Count < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"at most {texts.Count} distinct questions can be made from the eval sets");
        }

        return [.. texts];
    }

    private static void Write(TextWriter writer, string[] questions)
    {
        var key = new Ed25519PrivateKeyParameters(Convert.FromHexString(SeedHex), 0);
        writer.WriteLine("local bodies = {");
        for (var i = 0; i < questions.Length; i++)
        {
            var body = Body(i, questions[i]);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {{ body = {LuaString(body)}, signature = \"{Sign(key, body)}\" }},"));
        }

        writer.WriteLine("}");
        writer.Write(Driver);
    }

    private static string Body(int index, string question)
    {
        var member = (index % Members).ToString(CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", (786008729715212330L + index).ToString(CultureInfo.InvariantCulture));
            json.WriteString("application_id", "775799577604522054");
            json.WriteNumber("type", 2);
            json.WriteString("token", "load-token-" + index.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("version", 1);
            json.WriteString("guild_id", "290926798626357999");
            json.WriteString("channel_id", "645027906669510667");
            json.WriteStartObject("member");
            json.WriteStartObject("user");
            json.WriteString("id", "5390823250618368" + member.PadLeft(3, '0'));
            json.WriteString("username", "member" + member);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("data");
            json.WriteString("id", "771825006014889984");
            json.WriteString("name", "ask");
            json.WriteNumber("type", 1);
            json.WriteStartArray("options");
            json.WriteStartObject();
            json.WriteNumber("type", 3);
            json.WriteString("name", "question");
            json.WriteString("value", question);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Sign(Ed25519PrivateKeyParameters key, string body)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        var message = Encoding.UTF8.GetBytes(Timestamp + body);
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToHexString(signer.GenerateSignature()).ToLowerInvariant();
    }

    /// <summary>A Lua long string that cannot end early: the JSON writer escapes no ']', so pick a level it lacks.</summary>
    private static string LuaString(string text)
    {
        var level = 0;
        while (text.Contains(']' + new string('=', level) + ']', StringComparison.Ordinal)) level++;
        var equals = new string('=', level);
        return $"[{equals}[{text}]{equals}]";
    }

    /// <summary>
    /// wrk's side: every thread sends the bodies in turn (from the starting point run.sh passes) and counts the
    /// responses: 200 with an inline message (type 4), 200 with a deferral (type 5: the answer missed the inline
    /// deadline and would be edited in later), anything else; <c>done</c> prints the three counts.
    /// </summary>
    private const string Driver = """
        local threads = {}
        local thread_count = 0
        setup = function(thread)
          thread_count = thread_count + 1
          thread:set("first", thread_count)
          table.insert(threads, thread)
        end

        local requests = {}
        local next = 0
        answered, deferred, other = 0, 0, 0
        init = function(args)
          for i, b in ipairs(bodies) do
            requests[i] = wrk.format("POST", nil, {
              ["Content-Type"] = "application/json",
              ["X-Signature-Ed25519"] = b.signature,
              ["X-Signature-Timestamp"] = "1700000000",
            }, b.body)
          end
          -- wrk ... -- START THREADS: this run begins where the last one stopped (START requests sent before), and the
          -- threads are spread evenly over the bodies, so no body comes round again before the caches have dropped it.
          local start = tonumber(args[1] or "0")
          local spread = math.floor(#requests / tonumber(args[2] or "1"))
          next = (start + (first - 1) * spread) % #requests
        end
        request = function()
          next = next % #requests + 1
          return requests[next]
        end
        response = function(status, headers, body)
          if status ~= 200 then
            other = other + 1
          elseif string.sub(body, 1, 10) == '{"type":5,' then
            deferred = deferred + 1
          else
            answered = answered + 1
          end
        end
        done = function(summary, latency, requests)
          local a, d, o = 0, 0, 0
          for _, t in ipairs(threads) do
            a = a + t:get("answered")
            d = d + t:get("deferred")
            o = o + t:get("other")
          end
          io.write(string.format("responses: %d answered inline, %d deferred (type 5), %d other (%d distinct bodies)\n", a, d, o, #bodies))
        end

        """;
}
