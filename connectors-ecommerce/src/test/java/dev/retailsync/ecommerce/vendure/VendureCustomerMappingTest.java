package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.Party;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link VendureCustomerMapping} on customer nodes shaped like the Admin API's (A.09, A.13). */
class VendureCustomerMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode node(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void theVersionIsTheLatestOfCustomerAndAddressUpdatedAt() throws Exception {
    JsonNode c =
        node(
            "{'id':'26','updatedAt':'2026-11-25T17:53:09.000Z','firstName':'Ada','lastName':'King',"
                + "'emailAddress':'ada@example.com','addresses':[{'id':'1','updatedAt':"
                + "'2026-11-25T17:55:00.000Z','streetLine1':'12 St James Square','city':'London',"
                + "'postalCode':'SW1Y 4JH','country':{'code':'GB'},'defaultShippingAddress':true,"
                + "'defaultBillingAddress':true}]}");
    assertEquals(Instant.parse("2026-11-25T17:55:00Z"), VendureCustomerMapping.lastModified(c));
    Party p = VendureCustomerMapping.toParty(c);
    assertEquals(AddressUse.SHIPPING, p.addresses().get(0).use());
    assertEquals("GB", p.addresses().get(0).address().country());
    assertEquals(List.of("12 St James Square"), p.addresses().get(0).address().lines());
  }

  @Test
  void aPartyMapsToCreateCustomerInputWithTheExternalIdCustomField() throws Exception {
    Party p =
        VendureCustomerMapping.toParty(
            node(
                "{'id':'1','firstName':'Ada','lastName':'King','emailAddress':'ada@example.com',"
                    + "'phoneNumber':'+44 1','addresses':[]}"));
    Map<String, Object> in = VendureCustomerMapping.toInput(p, "SF-9");
    assertEquals("ada@example.com", in.get("emailAddress"));
    assertEquals("+44 1", in.get("phoneNumber"));
    assertEquals(Map.of("externalId", "SF-9"), in.get("customFields"));
  }

  @Test
  void missingRequiredFieldsAreTypedErrorsNamingTheField() throws Exception {
    assertThrows(
        MappingException.class,
        () -> VendureCustomerMapping.toParty(node("{'id':'5','emailAddress':'x@example.com'}")));
    Party noMail =
        VendureCustomerMapping.toParty(
            node("{'id':'1','firstName':'A','lastName':'B','addresses':[]}"));
    ValidationException e =
        assertThrows(ValidationException.class, () -> VendureCustomerMapping.toInput(noMail, "k"));
    assertEquals("contactPoints", e.errors().get(0).path().toString());
  }
}
