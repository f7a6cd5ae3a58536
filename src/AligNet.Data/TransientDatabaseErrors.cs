using Npgsql;

namespace AligNet.Data;

/// <summary>
/// Tells a database failure that will pass by itself (PostgreSQL restarting, a connection broken or stalled, a
/// pooled connection gone stale) from a real error, so that callers answer 503 with Retry-After instead of 500.
/// </summary>
public static class TransientDatabaseErrors
{
    public static bool Is(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when IsTransientState(pg.SqlState):
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or TimeoutException }:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Connection exceptions (08), operator intervention (57: shutdown, restart), serialization or deadlock.</summary>
    private static bool IsTransientState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal)
        || state is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.TooManyConnections;
}
