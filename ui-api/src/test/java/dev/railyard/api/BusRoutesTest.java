package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.security.Role;
import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BusRoutesTest {

  private static final String PATH = "/api/v1/buses";

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldCreateABusOnceAndListIt() {
    // when a bus is created twice
    HttpResponse<String> created = api.sendJson("PUT", PATH + "/orders", "");
    HttpResponse<String> again = api.sendJson("PUT", PATH + "/orders", "");

    // then the first call made it and the second found it
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(RunningApi.json(created).getString("topic")).isEqualTo("railyard.bus.orders");
    assertThat(again.statusCode()).isEqualTo(200);
    HttpResponse<String> listed = api.get(PATH);
    assertThat(listed.headers().firstValue("X-Total-Count")).contains("2");
    JsonArray buses = new JsonArray(listed.body());
    assertThat(buses.getJsonObject(0).getString("name")).isEqualTo("default");
    assertThat(buses.getJsonObject(1).getString("name")).isEqualTo("orders");
  }

  @Test
  void shouldAnswer404ForABusThatDoesNotExist() {
    HttpResponse<String> missing = api.get(PATH + "/nothing-here");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(RunningApi.error(missing).getString("code")).isEqualTo("BUS_NOT_FOUND");
  }

  @Test
  void shouldRefuseToDeleteABusThatRulesRead() {
    // given a bus a rule reads
    api.platform().buses.buses.put("billing", List.of("invoices"));

    // when it is deleted
    HttpResponse<String> refused = api.sendJson("DELETE", PATH + "/billing", "");

    // then nothing changes
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(api.platform().buses.buses).containsKey("billing");
    assertThat(api.sendJson("DELETE", PATH + "/default", "").statusCode()).isEqualTo(409);
  }

  @Test
  void shouldShowATokenLimitedToBusesOnlyThose() {
    // given two buses and a token limited to one
    api.platform().buses.buses.put("orders", List.of());
    api.platform().buses.buses.put("billing", List.of());
    String limited = api.security().limitedTo(Role.EDITOR, "orders-team", Set.of("orders"));

    // then it lists, reads and deletes only its own
    HttpResponse<String> listed =
        api.exchange(
            api.anonymous(PATH).header("Authorization", "Bearer " + limited).GET(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonArray(listed.body()).getJsonObject(0).getString("name")).isEqualTo("orders");
    assertThat(new JsonArray(listed.body()).size()).isEqualTo(1);
    HttpResponse<String> other =
        api.exchange(
            api.anonymous(PATH + "/billing").header("Authorization", "Bearer " + limited).DELETE(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(api.platform().buses.buses).containsKey("billing");
  }
}
