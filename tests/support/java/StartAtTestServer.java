// The time-skipping test server (io.temporal.testserver.TestServer, same flags) with its clock starting
// at the instant in AFTERCASE_TEST_SERVER_START (ISO 8601) instead of now: workflow tests of working
// calendars need a case opened on a given civil date (a Friday evening, the eve of a 2026 holiday),
// and the server's clock only moves forward. Run with Java's single-file launcher (JDK 11+):
//   java -cp '<test-server lib>/*' StartAtTestServer.java <port> [--enable-time-skipping]
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.time.Instant;

public class StartAtTestServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    boolean skipping = args.length > 1 && args[1].equalsIgnoreCase("--enable-time-skipping");
    long startMs = Instant.parse(System.getenv("AFTERCASE_TEST_SERVER_START")).toEpochMilli();
    TestServicesStarter services = new TestServicesStarter(!skipping, startMs);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      services.close();
    }));
    server.awaitTermination();
  }
}
