#include "base/decimal.hpp"

#include <doctest/doctest.h>

using selfeval::Decimal;
using selfeval::RoundingMode;

TEST_CASE("decimal parses and prints plain decimals") {
  CHECK(Decimal::parse("15")->to_string() == "15");
  CHECK(Decimal::parse("1999.83")->to_string() == "1999.83");
  CHECK(Decimal::parse("-0.5")->to_string() == "-0.5");
  CHECK(Decimal::parse("0.000001")->to_string() == "0.000001");
  CHECK(Decimal::parse("3.5000000")->to_string() == "3.5");
  CHECK_FALSE(Decimal::parse("0.0000001"));
  CHECK_FALSE(Decimal::parse(""));
  CHECK_FALSE(Decimal::parse("."));
  CHECK_FALSE(Decimal::parse("1e3"));
  CHECK_FALSE(Decimal::parse("99999999999999999999"));
}

TEST_CASE("decimal rounds half-up at .005 and half-even on request") {
  const Decimal a = *Decimal::parse("2.345");
  CHECK(a.to_fixed(2) == "2.35");
  CHECK(a.to_fixed(2, RoundingMode::kHalfEven) == "2.34");
  CHECK(a.to_fixed(2, RoundingMode::kDown) == "2.34");
  CHECK(Decimal::parse("-2.345")->to_fixed(2) == "-2.35");
  CHECK(Decimal::parse("10.5")->to_fixed(0) == "11");
  CHECK(Decimal::parse("3.9208")->to_fixed(2) == "3.92");
  CHECK(Decimal::parse("0.004")->to_fixed(2) == "0.00");
}

TEST_CASE("decimal arithmetic is exact where it fits six places") {
  const auto w = Decimal::from_int(4);
  const auto a = *Decimal::parse("2744.61");
  const auto t = *Decimal::parse("2800");
  CHECK(Decimal::mul_div(w, a, t)->to_string() == "3.920871");
  CHECK(Decimal::mul_div(w, a, t)->to_fixed(2) == "3.92");
  CHECK_FALSE(Decimal::div(w, Decimal()));
  CHECK(Decimal::add(*Decimal::parse("0.1"), *Decimal::parse("0.2"))->to_string() == "0.3");
}

TEST_CASE("decimal from JSON doubles is exact for typed numbers") {
  CHECK(Decimal::from_double(0.1)->to_string() == "0.1");
  CHECK(Decimal::from_double(3.92)->to_string() == "3.92");
  CHECK(Decimal::from_double(1e-7) == std::nullopt);
  CHECK(Decimal::from_double(-0.0)->to_string() == "0");
  CHECK(Decimal::from_double(1e12)->to_string() == "1000000000000");
}
