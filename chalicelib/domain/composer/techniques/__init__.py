"""Every cooking technique the composer knows, one module each; `ALL` is the order candidates are built in."""

from __future__ import annotations

from chalicelib.domain.composer.technique import Technique
from chalicelib.domain.composer.techniques.ca_ri import Curry
from chalicelib.domain.composer.techniques.canh import ClearSoup
from chalicelib.domain.composer.techniques.canh_chua import SourSoup
from chalicelib.domain.composer.techniques.chao import Porridge
from chalicelib.domain.composer.techniques.chien import PanFry
from chalicelib.domain.composer.techniques.goi import Salad
from chalicelib.domain.composer.techniques.hap import Steam
from chalicelib.domain.composer.techniques.kho import Braise
from chalicelib.domain.composer.techniques.luoc import Boil
from chalicelib.domain.composer.techniques.noodle_soup import NoodleSoup
from chalicelib.domain.composer.techniques.nuoc_cham import DippingSauce
from chalicelib.domain.composer.techniques.nuong import Grill
from chalicelib.domain.composer.techniques.rang import DryFry
from chalicelib.domain.composer.techniques.sot_ca_chua import TomatoSauce
from chalicelib.domain.composer.techniques.sup import Soup
from chalicelib.domain.composer.techniques.trung_chien import Omelette
from chalicelib.domain.composer.techniques.xao import StirFry

ALL: tuple[Technique, ...] = (
    Braise(), StirFry(), ClearSoup(), SourSoup(), Boil(), Salad(), PanFry(), Omelette(), Grill(), Steam(),
    DryFry(), TomatoSauce(), Porridge(), Soup(), Curry(), NoodleSoup(), DippingSauce(),
)
