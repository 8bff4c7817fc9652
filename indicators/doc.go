// Package indicators models criteria frameworks for evaluating the digital
// transformation of Vietnamese wards and communes (phường, xã), and reads and
// writes them as TOML.
//
// A [Framework] is a tree. Its root is the index; [Node] values (pillars,
// groups, at any depth) have children; [Indicator] values are the leaves.
// Each indicator is defined once, scored once, and mapped to every source
// framework it serves (DTI 922/QĐ-BTTTT, PAR INDEX 876/QĐ-BNV, the service
// index of 766/QĐ-TTg, smart-city criteria) and to one or more of three
// domains ([DomainDigitalGov], [DomainAdminReform], [DomainSmartCity]).
//
// Frameworks are data. [Decode] reads the TOML format documented in
// docs/framework-format.md strictly: unknown keys, duplicate codes, unknown
// parents, cycles, bad rules, unsorted classes and totals that do not add up
// are all reported at once, each with its file, line and code, in Vietnamese
// and English (see [Problem]). [Encode] writes a framework back; decoding the
// result gives the same framework.
//
// Three frameworks are embedded and can be loaded by name with [Load]:
// ward-unified-2025 (the default), dti-province-2022 and dti-province-2020.
//
// This package knows nothing of wards or scores; package scoring computes,
// package dti evaluates submissions against a framework.
package indicators
